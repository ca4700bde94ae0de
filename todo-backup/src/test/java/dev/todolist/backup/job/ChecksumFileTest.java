package dev.todolist.backup.job;

import dev.todolist.backup.archive.ArchiveFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .sha256 files are those of the real sha256sum (coreutils), in both directions. */
class ChecksumFileTest {

    @TempDir
    Path directory;

    private record Run(int exitCode, String output) {
    }

    private Run sha256sum(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sha256sum"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    private Path published() throws IOException {
        ArchiveStore store = new ArchiveStore(directory);
        Path target = store.newArchivePath(ArchiveKind.SCHEDULED, Instant.parse("2026-11-24T02:00:00Z"));
        try (java.nio.channels.FileChannel channel = store.createTemporary(target)) {
            channel.write(java.nio.ByteBuffer.wrap("pretend this is an archive".getBytes(StandardCharsets.UTF_8)));
        }
        Path temporary = ArchiveStore.temporaryOf(target);
        store.publish(temporary, target, ChecksumFile.sha256(temporary));
        return target;
    }

    @Test
    void theRealSha256sumAcceptsTheChecksumFileOfAnArchive() throws Exception {
        Path archive = published();

        Run check = sha256sum("-c", ArchiveStore.checksumFileOf(archive).getFileName().toString());

        assertEquals(0, check.exitCode(), check.output());
        assertEquals(archive.getFileName() + ": OK\n", check.output());
    }

    @Test
    void theRealSha256sumRejectsADamagedArchiveAsTheJobDoes() throws Exception {
        Path archive = published();
        Files.write(archive, "pretend this is an archivE".getBytes(StandardCharsets.UTF_8));

        Run check = sha256sum("-c", ArchiveStore.checksumFileOf(archive).getFileName().toString());

        assertEquals(1, check.exitCode(), check.output());
        assertTrue(check.output().startsWith(archive.getFileName() + ": FAILED"), check.output());
        ArchiveFormatException refused = assertThrows(ArchiveFormatException.class, () -> ChecksumFile.verify(archive));
        assertTrue(refused.getMessage().startsWith("SHA-256 mismatch for " + archive.getFileName()), refused.getMessage());
    }

    @Test
    void checksumFilesWrittenBySha256sumInTextAndBinaryModeAreAccepted() throws Exception {
        Path archive = Files.writeString(directory.resolve("dump.archive.gz"), "bytes of a mongodump archive");
        for (String mode : List.of("--text", "--binary")) {
            Run written = sha256sum(mode, archive.getFileName().toString());
            assertEquals(0, written.exitCode(), written.output());
            Files.writeString(ArchiveStore.checksumFileOf(archive), written.output());

            assertEquals(Optional.of(ChecksumFile.sha256(archive)), ChecksumFile.verify(archive), mode);
        }
    }

    @Test
    void aChecksumFileForAnotherFileIsRefused() throws Exception {
        Path archive = Files.writeString(directory.resolve("a.archive.gz"), "a");
        Files.writeString(ArchiveStore.checksumFileOf(archive), ChecksumFile.sha256(archive) + "  b.archive.gz\n");

        ArchiveFormatException refused = assertThrows(ArchiveFormatException.class, () -> ChecksumFile.verify(archive));
        assertEquals("checksum file a.archive.gz.sha256 is for b.archive.gz, not for a.archive.gz", refused.getMessage());
    }
}
