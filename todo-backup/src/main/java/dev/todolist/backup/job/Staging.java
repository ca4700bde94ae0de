package dev.todolist.backup.job;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import dev.todolist.backup.archive.ArchiveReader;
import dev.todolist.backup.archive.ArchiveVisitor;
import dev.todolist.backup.archive.Namespace;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.todolist.backup.job.RestoreJob.STAGING_PREFIX;

/**
 * The staging collections of a restore ({@code _restore_staging.<name>} in the target database):
 * loaded from the archive, then checked against it, before anything live is touched.
 */
final class Staging {

    private static final Logger LOG = LoggerFactory.getLogger(Staging.class);
    private static final int BATCH_DOCUMENTS = 1000;
    private static final int BATCH_BYTES = 8 * 1024 * 1024;

    private final MongoDatabase staging;

    Staging(MongoDatabase staging) {
        this.staging = staging;
    }

    /**
     * Creates the staged collections with their options, loads their documents and builds their
     * indexes; returns each collection's documents as the archive holds them.
     */
    Map<String, DocumentSetDigest> load(Path archive, RestorePlan plan) throws IOException {
        Map<String, DocumentSetDigest> archived = new HashMap<>();
        for (RestorePlan.CollectionRestore collection : plan.collections()) {
            BsonDocument create = new BsonDocument("create", new BsonString(STAGING_PREFIX + collection.name()));
            collection.description().options().forEach(create::put);
            staging.runCommand(create);
            requireKept(collection, "collection");
            archived.put(collection.name(), new DocumentSetDigest());
        }
        Map<Namespace, RestorePlan.CollectionRestore> targets = plan.byBodyNamespace();
        try (Inserter inserter = new Inserter()) {
            ArchiveReader.read(archive, new ArchiveVisitor() {
                private List<RawBsonDocument> batch = new ArrayList<>();
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
                        inserter.insert(current, batch, insertOptions);
                        batch = new ArrayList<>();
                        batchBytes = 0;
                    }
                }
            });
            inserter.awaitLast();
        }
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
     * Inserts batches one at a time, in order, on a thread of its own, so that the archive's next
     * batch is read and decoded while the server stores the last one (the load's two halves
     * overlap instead of taking turns). At most one batch is in flight and one being filled; the
     * first failure stops the load at the next batch.
     */
    private static final class Inserter implements AutoCloseable {

        private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread inserter = new Thread(runnable, "restore-staging-inserter");
            inserter.setDaemon(true);
            return inserter;
        });
        private Future<?> inFlight;

        void insert(MongoCollection<RawBsonDocument> collection, List<RawBsonDocument> batch, InsertManyOptions options) {
            awaitLast();
            inFlight = thread.submit(() -> collection.insertMany(batch, options));
        }

        /** Waits for the batch in flight; rethrows its failure. */
        void awaitLast() {
            if (inFlight == null) {
                return;
            }
            try {
                inFlight.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the server stored a batch", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : new IllegalStateException(e.getCause());
            } finally {
                inFlight = null;
            }
        }

        /** Never leaves a batch being written behind the caller: waits for it, then stops the thread. */
        @Override
        public void close() {
            try {
                if (inFlight != null) {
                    inFlight.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // the caller is already failing; its exception says why
            } finally {
                thread.shutdown();
            }
        }
    }

    /**
     * Every staged collection holds exactly the archive's documents, byte for byte, and has every
     * index of the archive with its key and options.
     */
    void check(RestorePlan plan, Map<String, DocumentSetDigest> archived) {
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
    void probeViews(RestorePlan plan) {
        for (RestorePlan.CollectionRestore view : plan.views()) {
            BsonDocument create = new BsonDocument("create", new BsonString(STAGING_PREFIX + view.name()));
            view.description().options().forEach(create::put);
            staging.runCommand(create);
            requireKept(view, "view");
            staging.getCollection(STAGING_PREFIX + view.name()).drop();
        }
    }

    /** The server kept the type and every option of a staged collection or view, or the restore stops here. */
    private void requireKept(RestorePlan.CollectionRestore collection, String type) {
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

    /** Drops the staging collections, including those a crashed restore left behind. */
    void drop() {
        for (String name : staging.listCollectionNames()) {
            if (name.startsWith(STAGING_PREFIX)) {
                staging.getCollection(name).drop();
            }
        }
    }

    void dropQuietly() {
        try {
            drop();
        } catch (MongoException e) {
            LOG.warn("could not drop the staging collections {}* of {}: {}", STAGING_PREFIX, staging.getName(),
                    e.getMessage());
        }
    }
}
