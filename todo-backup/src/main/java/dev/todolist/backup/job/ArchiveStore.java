package dev.todolist.backup.job;

import dev.todolist.backup.fs.SafeFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The backup directory: archive names, atomic publication, listing, rejection and deletion.
 *
 * <p>An archive is written under a hidden temporary name ({@code .NAME.tmp}), fsynced, its
 * {@code .sha256} published (temporary, fsync, rename), then renamed to its final name and the
 * directory fsynced. So a name matching {@code *.archive.gz} always denotes a complete archive with
 * its checksum, whatever moment a crash hits; leftovers of a crash are hidden {@code .tmp} files,
 * removed by the next locked run. Every file is written through {@link SafeFiles}: never through a link.
 */
public final class ArchiveStore {

    public static final String ARCHIVE_SUFFIX = ".archive.gz";
    public static final String CHECKSUM_SUFFIX = ".sha256";
    /** Where refused archives go, out of the way of listing and retention. */
    public static final String REJECTED_DIRECTORY = "rejected";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** Present while a restore swaps collections (see {@link #markSwapInProgress}). */
    static final String SWAP_MARKER = ".todolist-restore-swap-in-progress";
    private static final int MARKER_MAX_BYTES = 4096;
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path directory;

    public ArchiveStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** The job's archives, oldest first by the time in their headers. */
    public List<ArchiveFile> list() throws IOException {
        return scan().archives();
    }

    /** Every {@code *.archive.gz} of the directory: the job's archives, and the files that only look like them. */
    public ArchiveListing scan() throws IOException {
        List<ArchiveFile> archives = new ArrayList<>();
        List<ArchiveListing.Ignored> ignored = new ArrayList<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + ARCHIVE_SUFFIX)) {
                for (Path entry : entries) {
                    ArchiveListing.identify(entry).ifPresentOrElse(archives::add,
                            () -> ignored.add(ArchiveListing.Ignored.of(entry)));
                }
            }
        }
        archives.sort(ArchiveFile.OLDEST_FIRST);
        ignored.sort((a, b) -> a.path().compareTo(b.path()));
        return new ArchiveListing(List.copyOf(archives), List.copyOf(ignored));
    }

    public Optional<ArchiveFile> latest(ArchiveKind kind) throws IOException {
        return list().stream().filter(archive -> archive.kind() == kind).reduce((first, second) -> second);
    }

    /** A final name for an archive taken at {@code time} that nothing in the directory uses yet. */
    public Path newArchivePath(ArchiveKind kind, Instant time) throws IOException {
        Files.createDirectories(directory);
        String base = kind.prefix() + TIMESTAMP.format(time);
        Path candidate = directory.resolve(base + ARCHIVE_SUFFIX);
        for (int sequence = 2; taken(candidate) || taken(temporaryOf(candidate)); sequence++) {
            candidate = directory.resolve(base + "-" + sequence + ARCHIVE_SUFFIX);
        }
        return candidate;
    }

    /** The hidden name an archive is written under until it is complete. */
    public static Path temporaryOf(Path finalPath) {
        return finalPath.resolveSibling("." + finalPath.getFileName() + TEMPORARY_SUFFIX);
    }

    public static Path checksumFileOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + CHECKSUM_SUFFIX);
    }

    /** Creates the temporary file of {@code finalPath}, new and readable by its owner only (an archive holds the whole database). */
    public FileChannel createTemporary(Path finalPath) throws IOException {
        Path temporary = temporaryOf(finalPath);
        Files.deleteIfExists(temporary);
        return SafeFiles.createNew(temporary);
    }

    /**
     * Makes a fully written temporary archive visible: fsync it, publish its {@code .sha256}
     * (a line {@code sha256sum -c} accepts), rename it to its final name, fsync the directory.
     */
    public void publish(Path temporary, Path finalPath, String sha256Hex) throws IOException {
        SafeFiles.force(temporary);
        Path checksum = checksumFileOf(finalPath);
        Path checksumTemporary = temporaryOf(checksum);
        // Locked runs removed crash leftovers first: anything under this name now was planted, and is refused.
        SafeFiles.writeNew(checksumTemporary, sha256Hex + "  " + finalPath.getFileName() + "\n");
        SafeFiles.moveToNewName(checksumTemporary, checksum);
        SafeFiles.moveToNewName(temporary, finalPath);
        SafeFiles.forceDirectory(directory);
    }

    /**
     * Removes what crashed runs left: hidden temporaries, and checksum files whose archive never
     * got its final name (a crash between the two renames of {@link #publish}). Only call while
     * holding the lock (no run is writing).
     */
    public List<Path> removeLeftovers() throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ".todolist-*" + TEMPORARY_SUFFIX)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
                removed.add(entry);
            }
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory,
                "todolist-*" + ARCHIVE_SUFFIX + CHECKSUM_SUFFIX)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!taken(entry.resolveSibling(name.substring(0, name.length() - CHECKSUM_SUFFIX.length())))) {
                    Files.deleteIfExists(entry);
                    removed.add(entry);
                }
            }
        }
        return removed;
    }

    /** Whether {@code file} is an entry of this directory itself (not of a subdirectory). */
    public boolean contains(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return directory.equals(absolute.getParent()) && taken(absolute);
    }

    /**
     * Moves a refused file of this directory (and its {@code .sha256}) into {@code rejected/}, so
     * that it neither sorts among the good archives nor is offered again; a file elsewhere stays.
     *
     * @return where it went, or empty when it is not in this directory
     */
    public Optional<Path> reject(Path file) throws IOException {
        if (!contains(file)) {
            return Optional.empty();
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path rejected = SafeFiles.realDirectory(directory.resolve(REJECTED_DIRECTORY));
        String name = absolute.getFileName().toString();
        Path target = rejected.resolve(name);
        for (int sequence = 2; taken(target) || taken(checksumFileOf(target)); sequence++) {
            target = rejected.resolve(name + "." + sequence);
        }
        SafeFiles.moveToNewName(absolute, target);
        if (taken(checksumFileOf(absolute))) {
            SafeFiles.moveToNewName(checksumFileOf(absolute), checksumFileOf(target));
        }
        SafeFiles.forceDirectory(rejected);
        SafeFiles.forceDirectory(directory);
        return Optional.of(target);
    }

    /**
     * Records, durably, that a restore is replacing live collections one by one: if the process
     * dies before {@link #clearSwapInProgress}, the live database may mix old and new collections,
     * and every later run says so until a restore succeeds.
     */
    public void markSwapInProgress(String database, Path safetyArchive, Instant since) throws IOException {
        Path temporary = temporaryOf(directory.resolve(SWAP_MARKER));
        Files.deleteIfExists(temporary);
        SafeFiles.writeNew(temporary, "a restore of database " + database + " began replacing its collections at "
                + since + " and did not finish: the live data may mix old and new collections; restore "
                + safetyArchive + " (the data as it was before) or another archive\n");
        SafeFiles.replace(temporary, directory.resolve(SWAP_MARKER));
        SafeFiles.forceDirectory(directory);
    }

    public void clearSwapInProgress() throws IOException {
        Files.deleteIfExists(directory.resolve(SWAP_MARKER));
        SafeFiles.forceDirectory(directory);
    }

    /** What an interrupted restore left to say, if one did (read without following a link, never echoing another file). */
    public Optional<String> interruptedRestore() throws IOException {
        Path marker = directory.resolve(SWAP_MARKER);
        if (!taken(marker)) {
            return Optional.empty();
        }
        if (!SafeFiles.isRegularFile(marker)) {
            return Optional.of("the restore marker " + marker + " is a link or not a file, so this job did not write"
                    + " it: remove it");
        }
        return Optional.of(SafeFiles.readSmall(marker, MARKER_MAX_BYTES).strip());
    }

    /** Deletes an archive and its checksum file (the archive first: no archive is left unchecked). */
    public void delete(ArchiveFile archive) throws IOException {
        Files.deleteIfExists(archive.path());
        Files.deleteIfExists(archive.checksumFile());
        SafeFiles.forceDirectory(directory);
    }

    static Optional<Instant> timeOfName(String fileName, ArchiveKind kind) {
        String rest = fileName.substring(kind.prefix().length());
        try {
            return Optional.of(Instant.from(TIMESTAMP.parse(rest.substring(0, 16))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A name is taken by anything there, a dangling link included. */
    private static boolean taken(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
