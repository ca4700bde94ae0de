package dev.todolist.backup.job;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backup directory: archive names, atomic publication, listing and deletion.
 *
 * <p>An archive is written under a hidden temporary name ({@code .NAME.tmp}), fsynced, its
 * {@code .sha256} published (temporary, fsync, rename), then renamed to its final name and the
 * directory fsynced. So a name matching {@code *.archive.gz} always denotes a complete archive with
 * its checksum, whatever moment a crash hits; leftovers of a crash are hidden {@code .tmp} files,
 * removed by the next locked run.
 */
public final class ArchiveStore {

    public static final String ARCHIVE_SUFFIX = ".archive.gz";
    public static final String CHECKSUM_SUFFIX = ".sha256";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** Present while a restore swaps collections (see {@link #markSwapInProgress}). */
    static final String SWAP_MARKER = ".todolist-restore-swap-in-progress";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile(
            "todolist-(pre-restore-)?(\\d{8}T\\d{6}Z)(?:-(\\d+))?" + Pattern.quote(ARCHIVE_SUFFIX));

    private final Path directory;

    public ArchiveStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public Path directory() {
        return directory;
    }

    /** Archives of the directory, oldest first; files that do not follow the naming are ignored. */
    public List<ArchiveFile> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<ArchiveFile> archives = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "todolist-*" + ARCHIVE_SUFFIX)) {
            for (Path entry : entries) {
                parse(entry).ifPresent(archives::add);
            }
        }
        archives.sort(Comparator.comparing(ArchiveFile::createdAt).thenComparing(ArchiveFile::sequence));
        return archives;
    }

    public Optional<ArchiveFile> latest(ArchiveKind kind) throws IOException {
        return list().stream().filter(archive -> archive.kind() == kind).reduce((first, second) -> second);
    }

    static Optional<ArchiveFile> parse(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        ArchiveKind kind = matcher.group(1) == null ? ArchiveKind.SCHEDULED : ArchiveKind.PRE_RESTORE;
        Instant createdAt = Instant.from(TIMESTAMP.parse(matcher.group(2)));
        int sequence = matcher.group(3) == null ? 1 : Integer.parseInt(matcher.group(3));
        return Optional.of(new ArchiveFile(file, kind, createdAt, sequence));
    }

    /** A final name for an archive taken at {@code time} that no published archive uses yet. */
    public Path newArchivePath(ArchiveKind kind, Instant time) throws IOException {
        Files.createDirectories(directory);
        String base = kind.prefix() + TIMESTAMP.format(time);
        Path candidate = directory.resolve(base + ARCHIVE_SUFFIX);
        for (int sequence = 2; Files.exists(candidate) || Files.exists(temporaryOf(candidate)); sequence++) {
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

    /** Creates the temporary file, readable by its owner only: an archive holds the whole database. */
    public Path createTemporary(Path finalPath) throws IOException {
        Path temporary = temporaryOf(finalPath);
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        return temporary;
    }

    /**
     * Makes a fully written temporary archive visible: fsync it, publish its {@code .sha256}
     * (a line {@code sha256sum -c} accepts), rename it to its final name, fsync the directory.
     */
    public void publish(Path temporary, Path finalPath, String sha256Hex) throws IOException {
        force(temporary);
        Path checksum = checksumFileOf(finalPath);
        Path checksumTemporary = temporaryOf(checksum);
        Files.writeString(checksumTemporary, sha256Hex + "  " + finalPath.getFileName() + "\n", StandardCharsets.US_ASCII);
        force(checksumTemporary);
        move(checksumTemporary, checksum);
        move(temporary, finalPath);
        forceDirectory();
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
                if (!Files.exists(entry.resolveSibling(name.substring(0, name.length() - CHECKSUM_SUFFIX.length())))) {
                    Files.deleteIfExists(entry);
                    removed.add(entry);
                }
            }
        }
        return removed;
    }

    /**
     * Records, durably, that a restore is replacing live collections one by one: if the process
     * dies before {@link #clearSwapInProgress}, the live database may mix old and new collections,
     * and every later run says so until a restore succeeds.
     */
    public void markSwapInProgress(String database, Path safetyArchive, Instant since) throws IOException {
        Path temporary = temporaryOf(directory.resolve(SWAP_MARKER));
        Files.writeString(temporary, "a restore of database " + database + " began replacing its collections at "
                + since + " and did not finish: the live data may mix old and new collections; restore "
                + safetyArchive + " (the data as it was before) or another archive\n", StandardCharsets.UTF_8);
        force(temporary);
        Files.move(temporary, directory.resolve(SWAP_MARKER), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
    }

    public void clearSwapInProgress() throws IOException {
        Files.deleteIfExists(directory.resolve(SWAP_MARKER));
        forceDirectory();
    }

    /** What an interrupted restore left to say, if one did. */
    public Optional<String> interruptedRestore() throws IOException {
        Path marker = directory.resolve(SWAP_MARKER);
        return Files.exists(marker) ? Optional.of(Files.readString(marker, StandardCharsets.UTF_8).strip()) : Optional.empty();
    }

    /** Deletes an archive and its checksum file (the archive first: no archive is left unchecked). */
    public void delete(ArchiveFile archive) throws IOException {
        Files.deleteIfExists(archive.path());
        Files.deleteIfExists(archive.checksumFile());
        forceDirectory();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the backup directory does not support atomic renames: " + to.getParent(), e);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("refusing to overwrite " + to, e);
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private void forceDirectory() throws IOException {
        // A rename is durable only once the directory entry is: fsync the directory itself (Linux allows it).
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
