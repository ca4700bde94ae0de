package dev.todolist.backup.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Publication and clean-up in the backup directory. */
class ArchiveStoreTest {

    private static final Instant AT = Instant.parse("2026-11-24T02:00:00Z");

    @TempDir
    Path directory;

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aPublishedArchiveIsReadableByItsOwnerOnlyAndComesWithItsChecksum() throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Path target = store.newArchivePath(ArchiveKind.SCHEDULED, AT);
        try (FileChannel channel = store.createTemporary(target)) {
            assertEquals(List.of(".todolist-20261124T020000Z.archive.gz.tmp"), names());
            channel.write(ByteBuffer.wrap("archive bytes".getBytes(StandardCharsets.US_ASCII)));
        }
        Path temporary = ArchiveStore.temporaryOf(target);

        store.publish(temporary, target, ChecksumFile.sha256(temporary));

        assertEquals(List.of("todolist-20261124T020000Z.archive.gz", "todolist-20261124T020000Z.archive.gz.sha256"), names());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(target.resolveSibling("todolist-20261124T020000Z-2.archive.gz"),
                store.newArchivePath(ArchiveKind.SCHEDULED, AT), "a second archive of the same second gets a sequence");
    }

    @Test
    void leftoversOfCrashedRunsAreRemovedAndCompleteArchivesKept() throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Files.writeString(directory.resolve(".todolist-20261123T020000Z.archive.gz.tmp"), "half an archive");
        // A crash between publishing the checksum and renaming the archive leaves a checksum alone.
        Files.writeString(directory.resolve("todolist-20261123T020000Z.archive.gz.sha256"), "0".repeat(64) + "  x\n");
        Files.writeString(directory.resolve("todolist-20261122T020000Z.archive.gz"), "complete");
        Files.writeString(directory.resolve("todolist-20261122T020000Z.archive.gz.sha256"), "0".repeat(64) + "  y\n");

        List<Path> removed = store.removeLeftovers();

        assertEquals(2, removed.size(), removed.toString());
        assertEquals(List.of("todolist-20261122T020000Z.archive.gz", "todolist-20261122T020000Z.archive.gz.sha256"), names());
    }
}
