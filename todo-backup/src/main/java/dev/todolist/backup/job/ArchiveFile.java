package dev.todolist.backup.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;

/** A published archive of the backup directory; {@code kind} and {@code createdAt} come from the archive's header. */
public record ArchiveFile(Path path, ArchiveKind kind, Instant createdAt) {

    /** By the time in the archive, then by name (two archives of one millisecond). */
    public static final Comparator<ArchiveFile> OLDEST_FIRST = Comparator.comparing(ArchiveFile::createdAt)
            .thenComparing(ArchiveFile::fileName);

    public String fileName() {
        return path.getFileName().toString();
    }

    public Path checksumFile() {
        return ArchiveStore.checksumFileOf(path);
    }
}
