package dev.todolist.backup.job;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import dev.todolist.backup.lock.BackupLock;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code restore FILE}: replaces the content of the live database by an archive's, so that a
 * failure at any step leaves the live data as it was.
 * <ol>
 *   <li>verify the whole archive (checksum file, grammar, every CRC, every metadata) - nothing touched yet;</li>
 *   <li>take the directory's lock and a safety backup of the live database ({@code todolist-pre-restore-*});</li>
 *   <li>load the archive into staging collections ({@code _restore_staging.<name>} in the target
 *       database), then check that the server kept every collection's options, that each holds the
 *       archive's documents byte for byte (count and an order-independent digest), that every index
 *       exists with its key and options, and that each view can be created;</li>
 *   <li>swap: rename each staged collection over its live one ({@code renameCollection} with
 *       {@code dropTarget}), drop live collections the archive lacks, recreate views.</li>
 * </ol>
 * The staging collections live in the target database because a rename within one database is a
 * metadata change, atomic per collection on MongoDB (across databases MongoDB copies the data, and
 * mongo-java-server fails on it). A failure before the swap drops the staging collections and
 * leaves the live ones untouched. MongoDB
 * cannot swap several collections atomically, so a failure during the swap restores the safety
 * backup the same way (staged, checked, swapped); only if that fails too is the live data left
 * changed, and the error names the safety archive to restore by hand. A marker file in the backup
 * directory spans the swap, so that a process killed during it (where no rollback can run) is
 * reported by every later run until a restore succeeds.
 */
public final class RestoreJob {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreJob.class);
    /** Prefix of the staging collections; the restore drops every collection that has it. */
    public static final String STAGING_PREFIX = "_restore_staging.";

    private final MongoClient client;
    private final String targetDatabase;
    private final BackupJob safetyBackup;
    private final ArchiveStore store;
    private final RestoreListener listener;

    public RestoreJob(MongoClient client, String targetDatabase, BackupJob safetyBackup, ArchiveStore store,
                      RestoreListener listener) {
        this.client = client;
        this.targetDatabase = targetDatabase;
        this.safetyBackup = safetyBackup;
        this.store = store;
        this.listener = listener;
    }

    /** Verifies the archive and says what a restore would do, changing nothing. */
    public RestoreResult dryRun(Path archive, Optional<String> sourceDatabase, boolean skipTimeseries) throws IOException {
        long start = System.nanoTime();
        ArchiveVerifier.Verification verification = ArchiveVerifier.verify(archive);
        RestorePlan plan = RestorePlan.of(verification.summary(), targetDatabase, sourceDatabase, skipTimeseries);
        LiveCollections live = liveCollections(plan);
        return new RestoreResult(archive, verification.fileBytes(), plan, null, live.toDrop(), live.leftAlone(), true,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * @throws dev.todolist.backup.archive.ArchiveFormatException when the archive is damaged (nothing was
     *         changed; a refused archive of the backup directory is moved to its {@code rejected/})
     * @throws RestorePlan.PlanException when the archive's database must be chosen, or it holds time-series
     *                                   collections the caller did not agree to skip (nothing was changed)
     * @throws RestoreFailedException when a step after the verification failed
     */
    public RestoreResult restore(Path archive, Optional<String> sourceDatabase, boolean skipTimeseries)
            throws IOException, RestoreFailedException {
        long start = System.nanoTime();
        ArchiveVerifier.Verification verification = ArchiveVerifier.verifyOrReject(archive, store);
        RestorePlan plan = RestorePlan.of(verification.summary(), targetDatabase, sourceDatabase, skipTimeseries);
        notify(RestoreStep.VERIFIED, archive.getFileName().toString(), null);
        try (BackupLock ignored = BackupLock.acquire(store.directory(), "restore")) {
            store.removeLeftovers();
            store.interruptedRestore().ifPresent(message -> LOG.warn("{}; this restore will replace that state", message));
            BackupResult safety;
            try {
                safety = safetyBackup.backupWhileLocked(ArchiveKind.PRE_RESTORE);
            } catch (IOException | RuntimeException e) {
                throw new RestoreFailedException("the safety backup of " + targetDatabase
                        + " failed, nothing was changed: " + e.getMessage(), e, true, null);
            }
            notify(RestoreStep.SAFETY_BACKUP_TAKEN, safety.archive().getFileName().toString(), safety.archive());
            LOG.info("safety backup of {} before the restore: {}", targetDatabase, safety.logLine());

            stage(archive, plan, safety.archive(), listener);
            store.markSwapInProgress(targetDatabase, safety.archive(), Instant.now());
            LiveCollections live;
            try {
                live = swap(plan, listener);
            } catch (Exception e) {
                RestoreFailedException failed = rollBack(plan, safety.archive(), e);
                if (failed.liveDataIntact()) {
                    store.clearSwapInProgress();
                }
                throw failed;
            }
            store.clearSwapInProgress();
            RestoreResult result = new RestoreResult(archive, verification.fileBytes(), plan, safety.archive(),
                    live.toDrop(), live.leftAlone(), false, Duration.ofNanos(System.nanoTime() - start));
            LOG.info(result.logLine());
            return result;
        }
    }

    /** Loads and checks the staging collections; on failure drops them, the live data never touched. */
    private void stage(Path archive, RestorePlan plan, Path safetyArchive, RestoreListener listener)
            throws RestoreFailedException {
        Staging staging = new Staging(client.getDatabase(targetDatabase));
        try {
            staging.drop();
            Map<String, DocumentSetDigest> archived = staging.load(archive, plan);
            notify(RestoreStep.STAGING_LOADED, STAGING_PREFIX + "*", safetyArchive, listener);
            staging.check(plan, archived);
            staging.probeViews(plan);
            notify(RestoreStep.STAGING_CHECKED, STAGING_PREFIX + "*", safetyArchive, listener);
        } catch (Exception e) {
            staging.dropQuietly();
            throw new RestoreFailedException("restore into the staging collections failed, the live collections of "
                    + targetDatabase + " were not changed: " + describe(e), e, true, safetyArchive);
        }
    }

    /** Moves the staged collections over the live ones; returns the live collections it dropped or left alone. */
    private LiveCollections swap(RestorePlan plan, RestoreListener listener) throws Exception {
        MongoDatabase admin = client.getDatabase("admin");
        for (RestorePlan.CollectionRestore collection : plan.collections()) {
            admin.runCommand(new BsonDocument("renameCollection",
                    new BsonString(targetDatabase + "." + STAGING_PREFIX + collection.name()))
                    .append("to", new BsonString(targetDatabase + "." + collection.name()))
                    .append("dropTarget", BsonBoolean.TRUE));
            listener.stepCompleted(RestoreStep.COLLECTION_SWAPPED, collection.name());
        }
        MongoDatabase live = client.getDatabase(targetDatabase);
        LiveCollections others = liveCollections(plan);
        for (String name : others.toDrop()) {
            live.getCollection(name).drop();
        }
        listener.stepCompleted(RestoreStep.EXTRA_COLLECTIONS_DROPPED, String.join(",", others.toDrop()));
        for (RestorePlan.CollectionRestore view : plan.views()) {
            live.getCollection(view.name()).drop();
            BsonDocument create = new BsonDocument("create", new BsonString(view.name()));
            view.description().options().forEach(create::put);
            live.runCommand(create);
        }
        listener.stepCompleted(RestoreStep.VIEWS_CREATED, Integer.toString(plan.views().size()));
        new Staging(live).drop();
        listener.stepCompleted(RestoreStep.STAGING_DROPPED, STAGING_PREFIX + "*");
        return others;
    }

    /**
     * @param toDrop    live collections and views the archive does not have: a restore replaces the whole database
     * @param leftAlone live time-series collections: the job cannot put them back, so it never drops or replaces them
     */
    private record LiveCollections(List<String> toDrop, List<String> leftAlone) {
    }

    private LiveCollections liveCollections(RestorePlan plan) {
        Set<String> restored = plan.restoredNames();
        Set<String> toDrop = new TreeSet<>();
        Set<String> leftAlone = new TreeSet<>();
        for (BsonDocument info : client.getDatabase(targetDatabase).listCollections(BsonDocument.class)) {
            String name = info.getString("name").getValue();
            if (name.startsWith("system.") || name.startsWith(STAGING_PREFIX) || restored.contains(name)) {
                continue;
            }
            boolean timeseries = "timeseries".equals(info.getString("type", new BsonString("collection")).getValue());
            (timeseries || plan.skippedTimeseries().contains(name) ? leftAlone : toDrop).add(name);
        }
        return new LiveCollections(List.copyOf(toDrop), List.copyOf(leftAlone));
    }

    private RestoreFailedException rollBack(RestorePlan failedPlan, Path safetyArchive, Exception failure) {
        LOG.error("restore of {} failed during the swap ({}); putting back the safety backup {}", targetDatabase,
                describe(failure), safetyArchive.getFileName());
        try {
            ArchiveVerifier.Verification verification = ArchiveVerifier.verify(safetyArchive);
            // The restore never touched live time-series collections, so putting back the rest is complete.
            RestorePlan safetyPlan = RestorePlan.of(verification.summary(), targetDatabase, Optional.of(targetDatabase), true);
            stage(safetyArchive, safetyPlan, safetyArchive, RestoreListener.NONE);
            swap(safetyPlan, RestoreListener.NONE);
            LOG.warn("live database {} put back as it was before the restore (from {})", targetDatabase,
                    safetyArchive.getFileName());
            return new RestoreFailedException("restore failed during the swap: " + describe(failure)
                    + "; the live database " + targetDatabase + " was put back from the safety backup "
                    + safetyArchive.getFileName(), failure, true, safetyArchive);
        } catch (Exception rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
            return new RestoreFailedException("restore failed during the swap (" + describe(failure)
                    + ") and putting back the safety backup failed too (" + describe(rollbackFailure)
                    + "): the live database " + targetDatabase + " may be incomplete; restore " + safetyArchive
                    + " by hand", failure, false, safetyArchive);
        }
    }

    private void notify(RestoreStep step, String detail, Path safetyArchive) throws RestoreFailedException {
        notify(step, detail, safetyArchive, listener);
    }

    private static void notify(RestoreStep step, String detail, Path safetyArchive, RestoreListener listener)
            throws RestoreFailedException {
        try {
            listener.stepCompleted(step, detail);
        } catch (Exception e) {
            throw new RestoreFailedException("restore stopped after " + step + ": " + describe(e), e, true, safetyArchive);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
