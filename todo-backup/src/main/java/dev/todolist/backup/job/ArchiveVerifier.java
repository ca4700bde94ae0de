package dev.todolist.backup.job;

import dev.todolist.backup.archive.ArchiveReader;
import dev.todolist.backup.archive.ArchiveSummary;
import dev.todolist.backup.archive.ArchiveVisitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** {@code verify FILE}: the checksum file, then a full decode of the archive; no database is touched. */
public final class ArchiveVerifier {

    public record Verification(Path archive, Optional<String> sha256, ArchiveSummary summary, long fileBytes) {
    }

    private ArchiveVerifier() {
    }

    /**
     * @throws dev.todolist.backup.archive.ArchiveFormatException when anything about the archive is wrong
     * @throws NoSuchFileException when there is no such file
     */
    public static Verification verify(Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new NoSuchFileException(archive.toString(), null, "no such archive file");
        }
        Optional<String> sha256 = ChecksumFile.verify(archive);
        ArchiveSummary summary = ArchiveReader.read(archive, new ArchiveVisitor() { });
        return new Verification(archive, sha256, summary, Files.size(archive));
    }
}
