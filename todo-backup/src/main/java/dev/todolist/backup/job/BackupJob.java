package dev.todolist.backup.job;

import com.mongodb.client.MongoDatabase;
import dev.todolist.backup.archive.BackupStamp;
import dev.todolist.backup.lock.BackupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * {@code backup}: dumps the database into a new gzip archive of the backup directory, streaming
 * (one document in memory at a time), and publishes it atomically with its {@code .sha256}.
 */
public final class BackupJob {

    private static final int BUFFER = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(BackupJob.class);

    private final MongoDatabase database;
    private final ArchiveStore store;
    private final DatabaseDumper dumper;
    private final Clock clock;

    public BackupJob(MongoDatabase database, ArchiveStore store, DatabaseDumper dumper, Clock clock) {
        this.database = database;
        this.store = store;
        this.dumper = dumper;
        this.clock = clock;
    }

    /** What a run does after its archive is published, under the same hold of the lock (the retention). */
    @FunctionalInterface
    public interface FollowUp {
        FollowUp NONE = () -> { };

        void run() throws IOException;
    }

    /** A scheduled or manual backup: takes the directory's lock, so it never overlaps another run. */
    public BackupResult backup(ArchiveKind kind) throws IOException {
        return backup(kind, FollowUp.NONE);
    }

    /**
     * A backup then {@code followUp}, under one hold of the directory's lock, so that no other run
     * can slip in between (and a retention never fails for a lock its own backup just released).
     */
    public BackupResult backup(ArchiveKind kind, FollowUp followUp) throws IOException {
        try (BackupLock ignored = BackupLock.acquire(store.directory(), "backup")) {
            store.removeLeftovers();
            store.interruptedRestore().ifPresent(message -> LOG.warn("backing up a database in doubt: {}", message));
            BackupResult result = backupWhileLocked(kind);
            try {
                followUp.run();
            } catch (IOException | RuntimeException e) {
                throw new IOException("the archive " + result.archive().getFileName() + " was written, then the"
                        + " retention failed: " + e.getMessage(), e);
            }
            return result;
        }
    }

    /** For a caller that already holds the lock (the restore's safety backup). */
    public BackupResult backupWhileLocked(ArchiveKind kind) throws IOException {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Path target = store.newArchivePath(kind, started);
        Path temporary = ArchiveStore.temporaryOf(target);
        try {
            MessageDigest sha256 = ChecksumFile.newDigest();
            DatabaseDumper.DumpTotals totals;
            try (OutputStream file = Channels.newOutputStream(store.createTemporary(target));
                 DigestOutputStream digesting = new DigestOutputStream(new BufferedOutputStream(file, BUFFER), sha256);
                 GZIPOutputStream gzip = new GZIPOutputStream(digesting, BUFFER);
                 OutputStream archive = new BufferedOutputStream(gzip, BUFFER)) {
                totals = dumper.dump(database, archive, new BackupStamp(kind.wireName(), started));
                archive.flush();
                gzip.finish();
            }
            String hex = HexFormat.of().formatHex(sha256.digest());
            store.publish(temporary, target, hex);
            return new BackupResult(target, hex, Files.size(target), totals.uncompressedBytes(), totals.collections(),
                    totals.documents(), started, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    public String databaseName() {
        return database.getName();
    }
}
