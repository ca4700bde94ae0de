package dev.todolist.backup.lock;

import dev.todolist.backup.fs.SafeFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The one lock that keeps backups, restores and prunes of a backup directory from overlapping:
 * an OS file lock ({@link FileChannel#tryLock()}) on {@code .todolist-backup.lock}, so it is
 * released by the kernel when the holder dies, however it dies. The file stays; its content
 * (pid and start time of the holder) is for people reading it. The file is opened without
 * following links ({@link SafeFiles#openOrCreate}): a link planted under its name is refused, never
 * truncated through.
 */
public final class BackupLock implements AutoCloseable {

    public static final String FILE_NAME = ".todolist-backup.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private BackupLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code directory} without waiting.
     *
     * @throws LockHeldException when another run (in this process or another) holds it
     * @throws dev.todolist.backup.fs.UnsafeFileException when the lock file's name is a link
     */
    public static BackupLock acquire(Path directory, String purpose) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = SafeFiles.openOrCreate(file);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = describeHolder(channel);
            channel.close();
            throw new LockHeldException("another backup, restore or prune is running on " + directory
                    + (holder.isEmpty() ? "" : " (" + holder + ")"));
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid=" + ProcessHandle.current().pid() + " purpose=" + purpose
                    + " since=" + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new BackupLock(channel, lock);
    }

    private static String describeHolder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(256);
            channel.read(buffer, 0);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
