package dev.todolist.backup.job;

import dev.todolist.backup.fs.UnsafeFileException;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void publishRefusesALinkPlantedAtTheChecksumsTemporaryNameAndLeavesItsTargetAlone(@TempDir Path elsewhere)
            throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Path target = store.newArchivePath(ArchiveKind.SCHEDULED, AT);
        store.createTemporary(target).close();
        Path victim = Files.writeString(elsewhere.resolve("victim"), "precious");
        Files.createSymbolicLink(ArchiveStore.temporaryOf(ArchiveStore.checksumFileOf(target)), victim);

        UnsafeFileException refused = assertThrows(UnsafeFileException.class,
                () -> store.publish(ArchiveStore.temporaryOf(target), target, "0".repeat(64)));

        assertTrue(refused.getMessage().endsWith("is a symbolic link: refusing to write through it; remove it"),
                refused.getMessage());
        assertEquals("precious", Files.readString(victim));
        assertFalse(Files.exists(target), "nothing published");
    }

    @Test
    void aRefusedFileMovesToRejectedWithItsChecksumWithoutOverwritingAnEarlierOne() throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Path archive = TestArchives.published(store, ArchiveKind.SCHEDULED, AT);
        Path earlier = Files.createDirectories(directory.resolve(ArchiveStore.REJECTED_DIRECTORY))
                .resolve(archive.getFileName());
        Files.writeString(earlier, "an earlier refusal");

        Path moved = store.reject(archive).orElseThrow();

        assertEquals(directory.resolve("rejected").resolve(archive.getFileName() + ".2"), moved);
        assertTrue(Files.exists(ArchiveStore.checksumFileOf(moved)));
        assertEquals("an earlier refusal", Files.readString(earlier));
        assertEquals(List.of("rejected"), names());
        assertEquals(java.util.Optional.empty(), store.reject(Path.of("/tmp/elsewhere.archive.gz")));
    }
}
