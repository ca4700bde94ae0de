package dev.todolist.backup.job;

import dev.todolist.backup.archive.ArchiveFormatException;
import dev.todolist.backup.archive.ArchiveHeader;
import dev.todolist.backup.archive.ArchiveReader;
import dev.todolist.backup.fs.SafeFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ArchiveStore#scan} found: the job's archives, told by the stamp in their header
 * (kind and time), and the files that only look like archives, which take no retention slot, are
 * never pruned and are listed apart.
 *
 * @param archives oldest first, by the time in their headers
 */
public record ArchiveListing(List<ArchiveFile> archives, List<Ignored> ignored) {

    /** The tool name this job writes in its archives' headers, followed by its version. */
    public static final String TOOL_PREFIX = "todolist-backup-";

    /** A file named like an archive that is not one of the job's, and why. */
    public record Ignored(Path path, String reason) {

        static Ignored of(Path file) {
            return new Ignored(file, reasonToIgnore(file));
        }

        public String fileName() {
            return path.getFileName().toString();
        }
    }

    /** The archive {@code file} is, when its header says the job wrote it; reads the header only. */
    static Optional<ArchiveFile> identify(Path file) {
        if (!SafeFiles.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return identify(file, ArchiveReader.readHeader(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<ArchiveFile> identify(Path file, ArchiveHeader header) {
        String name = file.getFileName().toString();
        if (header.stamp() != null) {
            return ArchiveKind.fromWireName(header.stamp().kind())
                    .map(kind -> new ArchiveFile(file, kind, header.stamp().createdAt()));
        }
        if (!header.toolVersion().startsWith(TOOL_PREFIX)) {
            return Optional.empty();
        }
        // Written by a version of the job that did not stamp its archives yet: its name is all there is.
        ArchiveKind kind = name.startsWith(ArchiveKind.PRE_RESTORE.prefix()) ? ArchiveKind.PRE_RESTORE
                : ArchiveKind.SCHEDULED;
        if (!name.startsWith(kind.prefix())) {
            return Optional.empty();
        }
        Optional<Instant> named = ArchiveStore.timeOfName(name, kind);
        return named.map(time -> new ArchiveFile(file, kind, time));
    }

    private static String reasonToIgnore(Path file) {
        if (!SafeFiles.isRegularFile(file)) {
            return "a link or not a regular file";
        }
        ArchiveHeader header;
        try {
            header = ArchiveReader.readHeader(file);
        } catch (ArchiveFormatException e) {
            return e.getMessage();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        if (header.stamp() != null) {
            return "an unknown kind of archive";
        }
        if (header.toolVersion().startsWith(TOOL_PREFIX)) {
            return "an archive of this job whose name carries no time";
        }
        return "an archive another tool wrote (no kind or time of this job in its header)";
    }
}
