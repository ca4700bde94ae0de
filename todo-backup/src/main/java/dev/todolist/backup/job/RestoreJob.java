package dev.todolist.backup.job;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import dev.todolist.backup.archive.ArchiveReader;
import dev.todolist.backup.archive.ArchiveVisitor;
import dev.todolist.backup.archive.Namespace;
import dev.todolist.backup.lock.BackupLock;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
    private static final int BATCH_DOCUMENTS = 1000;
    private static final int BATCH_BYTES = 8 * 1024 * 1024;
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
     * @throws dev.todolist.backup.archive.ArchiveFormatException when the archive is damaged (nothing was changed)
     * @throws RestorePlan.PlanException when the archive's database must be chosen, or it holds time-series
     *                                   collections the caller did not agree to skip (nothing was changed)
     * @throws RestoreFailedException when a step after the verification failed
     */
    public RestoreResult restore(Path archive, Optional<String> sourceDatabase, boolean skipTimeseries)
            throws IOException, RestoreFailedException {
        long start = System.nanoTime();
        ArchiveVerifier.Verification verification = ArchiveVerifier.verify(archive);
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
        MongoDatabase database = client.getDatabase(targetDatabase);
        try {
            dropStaging(database);
            Map<String, DocumentSetDigest> archived = load(archive, plan, database);
            notify(RestoreStep.STAGING_LOADED, STAGING_PREFIX + "*", safetyArchive, listener);
            check(plan, database, archived);
            probeViews(plan, database);
            notify(RestoreStep.STAGING_CHECKED, STAGING_PREFIX + "*", safetyArchive, listener);
        } catch (Exception e) {
            dropStagingQuietly(database);
            throw new RestoreFailedException("restore into the staging collections failed, the live collections of "
                    + targetDatabase + " were not changed: " + describe(e), e, true, safetyArchive);
        }
    }

    /**
     * Creates the staged collections with their options, loads their documents and builds their
     * indexes; returns each collection's documents as the archive holds them.
     */
    private Map<String, DocumentSetDigest> load(Path archive, RestorePlan plan, MongoDatabase staging) throws IOException {
        Map<String, DocumentSetDigest> archived = new HashMap<>();
        for (RestorePlan.CollectionRestore collection : plan.collections()) {
            BsonDocument create = new BsonDocument("create", new BsonString(STAGING_PREFIX + collection.name()));
            collection.description().options().forEach(create::put);
            staging.runCommand(create);
            requireKept(collection, staging, "collection");
            archived.put(collection.name(), new DocumentSetDigest());
        }
        Map<Namespace, RestorePlan.CollectionRestore> targets = plan.byBodyNamespace();
        ArchiveReader.read(archive, new ArchiveVisitor() {
            private final List<RawBsonDocument> batch = new ArrayList<>();
            private long batchBytes;
            private MongoCollection<RawBsonDocument> current;
            private InsertManyOptions insertOptions;
            private DocumentSetDigest digest;

            @Override
            public void segmentStart(Namespace namespace) {
                RestorePlan.CollectionRestore target = targets.get(namespace);
                current = target == null ? null
                        : staging.getCollection(STAGING_PREFIX + target.name(), RawBsonDocument.class);
                digest = target == null ? null : archived.get(target.name());
                // Documents were valid when dumped; the flag needs a privilege of its own, so only ask for it when a validator exists.
                insertOptions = new InsertManyOptions().ordered(true).bypassDocumentValidation(
                        target != null && target.description().options().containsKey("validator") ? Boolean.TRUE : null);
            }

            @Override
            public void document(Namespace namespace, byte[] bson) {
                if (current == null) {
                    return;
                }
                digest.add(bson, 0, bson.length);
                batch.add(new RawBsonDocument(bson));
                batchBytes += bson.length;
                if (batch.size() >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES) {
                    flush();
                }
            }

            @Override
            public void segmentEnd(Namespace namespace) {
                flush();
                current = null;
            }

            private void flush() {
                if (!batch.isEmpty()) {
                    current.insertMany(batch, insertOptions);
                    batch.clear();
                    batchBytes = 0;
                }
            }
        });
        for (RestorePlan.CollectionRestore collection : plan.collections()) {
            BsonArray indexes = new BsonArray();
            for (BsonDocument index : collection.description().indexes()) {
                if (!"_id_".equals(index.getString("name").getValue())) {
                    BsonDocument spec = index.clone();
                    spec.remove("ns");
                    indexes.add(spec);
                }
            }
            if (!indexes.isEmpty()) {
                staging.runCommand(new BsonDocument("createIndexes", new BsonString(STAGING_PREFIX + collection.name()))
                        .append("indexes", indexes));
            }
        }
        return archived;
    }

    /**
     * Every staged collection holds exactly the archive's documents, byte for byte, and has every
     * index of the archive with its key and options.
     */
    private static void check(RestorePlan plan, MongoDatabase staging, Map<String, DocumentSetDigest> archived) {
        for (RestorePlan.CollectionRestore collection : plan.collections()) {
            MongoCollection<RawBsonDocument> staged = staging.getCollection(STAGING_PREFIX + collection.name(),
                    RawBsonDocument.class);
            DocumentSetDigest stored = new DocumentSetDigest();
            for (RawBsonDocument document : staged.find().batchSize(BATCH_DOCUMENTS)) {
                stored.add(document.getByteBuffer().asNIO());
            }
            if (stored.count() != collection.expectedDocuments()) {
                throw new IllegalStateException("staged " + collection.name() + " has " + stored.count()
                        + " documents, the archive " + collection.expectedDocuments());
            }
            if (!stored.sameDocumentsAs(archived.get(collection.name()))) {
                throw new IllegalStateException("staged " + collection.name() + " has the archive's " + stored.count()
                        + " documents, but not byte for byte: the server stored some values differently from the"
                        + " archive (mongo-java-server turns undefined into null, for example)");
            }
            Map<String, BsonDocument> indexes = new HashMap<>();
            staged.listIndexes(BsonDocument.class).forEach(index -> indexes.put(index.getString("name").getValue(), index));
            for (BsonDocument expected : collection.description().indexes()) {
                String name = expected.getString("name").getValue();
                BsonDocument actual = indexes.get(name);
                if (actual == null) {
                    throw new IllegalStateException("staged " + collection.name() + " lacks the index " + name
                            + " (has " + new TreeSet<>(indexes.keySet()) + ")");
                }
                Optional<String> difference = ServerSpecs.indexDifference(expected, actual);
                if (difference.isPresent()) {
                    throw new IllegalStateException("the server did not build the index " + name + " of "
                            + collection.name() + " as the archive describes it: " + difference.get());
                }
            }
        }
    }

    /**
     * Views are created only during the swap (a view cannot be renamed into place), so first prove
     * that the server creates each one faithfully under a staging name.
     */
    private static void probeViews(RestorePlan plan, MongoDatabase staging) {
        for (RestorePlan.CollectionRestore view : plan.views()) {
            BsonDocument create = new BsonDocument("create", new BsonString(STAGING_PREFIX + view.name()));
            view.description().options().forEach(create::put);
            staging.runCommand(create);
            requireKept(view, staging, "view");
            staging.getCollection(STAGING_PREFIX + view.name()).drop();
        }
    }

    /** The server kept the type and every option of a staged collection or view, or the restore stops here. */
    private static void requireKept(RestorePlan.CollectionRestore collection, MongoDatabase staging, String type) {
        String stagedName = STAGING_PREFIX + collection.name();
        BsonDocument info = staging.listCollections(BsonDocument.class)
                .filter(new BsonDocument("name", new BsonString(stagedName))).first();
        if (info == null) {
            throw new IllegalStateException("the server did not create " + stagedName);
        }
        String actualType = info.getString("type", new BsonString("collection")).getValue();
        BsonDocument options = info.getDocument("options", new BsonDocument());
        if (!type.equals(actualType)) {
            throw new IllegalStateException("the server created " + collection.name() + " as a " + actualType
                    + ", not as a " + type + " (mongo-java-server has no views): restore this archive into MongoDB");
        }
        Optional<String> difference = ServerSpecs.optionsDifference(collection.description().options(), options);
        if (difference.isPresent()) {
            throw new IllegalStateException("the server did not keep the options of " + collection.name() + ": "
                    + difference.get() + " (mongo-java-server ignores collection options): restore this archive"
                    + " into MongoDB");
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
        dropStaging(live);
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

    /** Drops the staging collections, including those a crashed restore left behind. */
    private static void dropStaging(MongoDatabase database) {
        for (String name : database.listCollectionNames()) {
            if (name.startsWith(STAGING_PREFIX)) {
                database.getCollection(name).drop();
            }
        }
    }

    private static void dropStagingQuietly(MongoDatabase database) {
        try {
            dropStaging(database);
        } catch (MongoException e) {
            LOG.warn("could not drop the staging collections {}* of {}: {}", STAGING_PREFIX, database.getName(),
                    e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
