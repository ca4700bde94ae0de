package dev.todolist.backup.job;

import java.nio.file.Path;
import java.time.Instant;

/** A published archive of the backup directory; {@code createdAt} is the UTC timestamp of its name. */
public record ArchiveFile(Path path, ArchiveKind kind, Instant createdAt, int sequence) {

    public String fileName() {
        return path.getFileName().toString();
    }

    public Path checksumFile() {
        return ArchiveStore.checksumFileOf(path);
    }
}
