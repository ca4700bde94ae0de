package dev.todolist.backup.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Every file the job writes in the backup directory goes through here, so that none is ever
 * opened through a link: new files are created exclusively ({@code O_CREAT|O_EXCL}, which fails
 * on any existing name, a dangling link included), existing ones are opened with
 * {@code O_NOFOLLOW} and must be regular files with one link, and files reach their final name by
 * {@code rename(2)}, which replaces a directory entry and never writes through a link at the target.
 */
public final class SafeFiles {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    /** An archive holds the whole database: its owner only. */
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private SafeFiles() {
    }

    /** Creates {@code file}, which must not exist (not even as a link), readable by its owner only. */
    public static FileChannel createNew(Path file) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        try {
            try {
                return FileChannel.open(file, options, OWNER_ONLY);
            } catch (UnsupportedOperationException e) {
                return FileChannel.open(file, options);
            }
        } catch (FileAlreadyExistsException e) {
            refuseLink(file);
            throw e;
        }
    }

    /** Creates {@code file} with {@code text} (UTF-8), fsynced. */
    public static void writeNew(Path file, String text) throws IOException {
        try (FileChannel channel = createNew(file)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    /**
     * Opens or creates {@code file} for reading and writing without following a link, and checks
     * that what it opened is a regular file no other name shares (a hard link would let a planted
     * name reach another file just as a symbolic one does).
     */
    public static FileChannel openOrCreate(Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // O_NOFOLLOW on a link fails with ELOOP, which Java reports as a bare IOException.
            refuseLink(file);
            throw e;
        }
        try {
            requireSingleRegularFile(file);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** Reads at most {@code limit} bytes of {@code file} (UTF-8) without following a link. */
    public static String readSmall(Path file, int limit) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buffer = ByteBuffer.allocate(limit);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // until full or at the end
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            refuseLink(file);
            throw e;
        }
    }

    /** fsyncs a file this job wrote, opened without following a link. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            channel.force(true);
        } catch (IOException e) {
            refuseLink(file);
            throw e;
        }
    }

    /** A rename is durable only once the directory entry is: fsync the directory itself (Linux allows it). */
    public static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Renames {@code from} to {@code to}, which must not exist yet (a link there counts as existing). */
    public static void moveToNewName(Path from, Path to) throws IOException {
        if (Files.exists(to, NO_FOLLOW)) {
            refuseLink(to);
            throw new FileAlreadyExistsException(to.toString(), null, "refusing to overwrite it");
        }
        rename(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Renames {@code from} over {@code to}: an existing entry there, a link included, is replaced, never written through. */
    public static void replace(Path from, Path to) throws IOException {
        rename(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Creates {@code directory} if needed; it must be a real directory, not a link to one. */
    public static Path realDirectory(Path directory) throws IOException {
        if (Files.isSymbolicLink(directory)) {
            throw new UnsafeFileException(directory + " is a symbolic link: refusing to move files through it; remove it");
        }
        Files.createDirectories(directory);
        if (!Files.isDirectory(directory, NO_FOLLOW)) {
            throw new UnsafeFileException(directory + " is not a directory; remove it");
        }
        return directory;
    }

    public static boolean isRegularFile(Path file) {
        return Files.isRegularFile(file, NO_FOLLOW);
    }

    private static void rename(Path from, Path to, StandardCopyOption... options) throws IOException {
        try {
            Files.move(from, to, options);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the backup directory does not support atomic renames: " + to.getParent(), e);
        }
    }

    private static void requireSingleRegularFile(Path file) throws IOException {
        if (!Files.isRegularFile(file, NO_FOLLOW)) {
            throw new UnsafeFileException(file + " is not a regular file: refusing to write it; remove it");
        }
        Object links;
        try {
            links = Files.getAttribute(file, "unix:nlink", NO_FOLLOW);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return;
        }
        if (links instanceof Integer count && count > 1) {
            throw new UnsafeFileException(file + " has " + count + " hard links: refusing to write through it; remove it");
        }
    }

    private static void refuseLink(Path file) throws UnsafeFileException {
        if (Files.isSymbolicLink(file)) {
            throw new UnsafeFileException(file + " is a symbolic link: refusing to write through it; remove it");
        }
    }
}
