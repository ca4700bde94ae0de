package dev.todolist.embedded;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The index path of {@link IndexedH2Backend} answers exactly what the stock H2 backend answers:
 * the same writes go to both, then the same queries (every sort of the todo lists, both
 * directions, pages, filters the index does not cover) must return the same documents in the same order.
 */
class IndexedH2BackendTest {

    private static final List<IndexModel> INDEXES = List.of(
            new IndexModel(Indexes.ascending("ownerId", "order", "_id")),
            new IndexModel(Indexes.ascending("ownerId", "createdAt", "_id")),
            new IndexModel(Indexes.ascending("ownerId", "dueDate", "_id")),
            new IndexModel(Indexes.ascending("ownerId", "priorityRank", "_id")),
            new IndexModel(Indexes.ascending("ownerId", "completed", "order", "_id")),
            new IndexModel(Indexes.ascending("ownerId", "tags")),
            new IndexModel(Indexes.ascending("completed")));
    private static final List<String> SORT_FIELDS = List.of("order", "createdAt", "dueDate", "priorityRank");

    @Test
    void listsThroughTheIndexEqualTheStockBackendsAfterInsertsUpdatesAndDeletes(@TempDir Path dir) {
        try (Pair pair = new Pair(dir)) {
            Random random = new Random(42);
            List<ObjectId> ids = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                ObjectId id = new ObjectId();
                ids.add(id);
                Document todo = randomTodo(random, id);
                pair.write(todos -> todos.insertOne(new Document(todo)));
            }
            pair.assertSameAnswers(random);

            for (int i = 0; i < 200; i++) {
                ObjectId id = ids.get(random.nextInt(ids.size()));
                Bson change = switch (random.nextInt(4)) {
                    case 0 -> Updates.set("order", (long) random.nextInt(50));
                    case 1 -> Updates.set("completed", random.nextBoolean());
                    case 2 -> Updates.unset("dueDate");
                    default -> Updates.set("priorityRank", random.nextInt(3));
                };
                pair.write(todos -> todos.updateOne(Filters.eq("_id", id), change));
            }
            for (int i = 0; i < 30; i++) {
                ObjectId id = ids.remove(random.nextInt(ids.size()));
                // As TodoService deletes: under an owner (who may not own it), then by id alone.
                pair.write(todos -> todos.deleteOne(Filters.and(Filters.eq("ownerId", "alice"), Filters.eq("_id", id))));
                pair.write(todos -> todos.deleteOne(Filters.eq("_id", id)));
            }
            Document replacement = randomTodo(random, ids.get(0)).append("ownerId", "carol");
            pair.write(todos -> todos.replaceOne(Filters.eq("_id", ids.get(0)), replacement));
            pair.assertSameAnswers(random);
        }
    }

    @Test
    void indexesRebuiltWhenTheStoreReopensServeTheSameAnswers(@TempDir Path dir) {
        Random random = new Random(7);
        try (Pair pair = new Pair(dir)) {
            for (int i = 0; i < 120; i++) {
                Document todo = randomTodo(random, new ObjectId());
                pair.write(todos -> todos.insertOne(new Document(todo)));
            }
        }
        try (Pair reopened = new Pair(dir)) {
            reopened.assertSameAnswers(random);
            Document todo = randomTodo(random, new ObjectId());
            reopened.write(todos -> todos.insertOne(new Document(todo)));
            reopened.assertSameAnswers(random);
        }
    }

    @Test
    void aStoreWithIndexesWrittenByTheStockBackendOpensHereAndBackUnchanged(@TempDir Path dir) throws Exception {
        Path storeFile = Files.createDirectories(dir.resolve("data")).resolve("todolist.mv");
        Random random = new Random(11);
        List<Document> expected;
        MongoServer stock = new MongoServer(new H2Backend(storeFile.toString()));
        try (MongoClient client = MongoClients.create(uri(stock.bind()))) {
            MongoCollection<Document> todos = client.getDatabase("t").getCollection("todos");
            todos.createIndexes(INDEXES);
            for (int i = 0; i < 50; i++) {
                todos.insertOne(randomTodo(random, new ObjectId()));
            }
            expected = todos.find(Filters.eq("ownerId", "alice")).sort(Sorts.descending("createdAt", "_id"))
                    .into(new ArrayList<>());
        } finally {
            stock.shutdown();
        }
        Document added = randomTodo(random, new ObjectId()).append("ownerId", "alice");
        try (EmbeddedMongoServer ours = EmbeddedMongoServer.persistent(storeFile.getParent(), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(ours.connectionString())) {
            MongoCollection<Document> todos = client.getDatabase("t").getCollection("todos");
            assertEquals(expected, todos.find(Filters.eq("ownerId", "alice")).sort(Sorts.descending("createdAt", "_id"))
                    .into(new ArrayList<>()));
            assertEquals(expected.size(), todos.countDocuments(Filters.eq("ownerId", "alice")));
            todos.insertOne(added);
        }
        stock = new MongoServer(new H2Backend(storeFile.toString()));
        try (MongoClient client = MongoClients.create(uri(stock.bind()))) {
            MongoCollection<Document> todos = client.getDatabase("t").getCollection("todos");
            assertEquals(expected.size() + 1, todos.countDocuments(Filters.eq("ownerId", "alice")));
            assertEquals(added, todos.find(Filters.eq("_id", added.getObjectId("_id"))).first());
            assertEquals(INDEXES.size() + 1, todos.listIndexes().into(new ArrayList<>()).size(), "the _id index and ours");
        } finally {
            stock.shutdown();
        }
    }

    @Test
    void countsOfASingleFieldIndexEqualTheStockBackendsAfterInsertsUpdatesDeletesAndARestart(@TempDir Path dir) {
        Random random = new Random(5);
        List<ObjectId> ids = new ArrayList<>();
        try (Pair pair = new Pair(dir)) {
            for (int i = 0; i < 150; i++) {
                ObjectId id = new ObjectId();
                ids.add(id);
                Document todo = randomTodo(random, id);
                pair.write(todos -> todos.insertOne(new Document(todo)));
            }
            // Values no boolean equals (MongoDB compares booleans with booleans only), and no value at all.
            for (Object odd : List.of(1, 0L, "true", new Document("completed", true), new Date(0))) {
                pair.write(todos -> todos.insertOne(new Document("_id", new ObjectId()).append("ownerId", "bob")
                        .append("completed", odd)));
            }
            pair.write(todos -> todos.insertOne(new Document("_id", new ObjectId()).append("ownerId", "bob")
                    .append("completed", null)));
            pair.write(todos -> todos.insertOne(new Document("_id", new ObjectId()).append("ownerId", "bob")));
            pair.assertSameCounts();

            for (int i = 0; i < 100; i++) {
                ObjectId id = ids.get(random.nextInt(ids.size()));
                Bson change = switch (random.nextInt(3)) {
                    case 0 -> Updates.set("completed", random.nextBoolean());
                    case 1 -> Updates.unset("completed");
                    default -> Updates.set("completed", "done");
                };
                pair.write(todos -> todos.updateOne(Filters.eq("_id", id), change));
            }
            for (int i = 0; i < 20; i++) {
                ObjectId id = ids.remove(random.nextInt(ids.size()));
                pair.write(todos -> todos.deleteOne(Filters.eq("_id", id)));
            }
            Document replacement = randomTodo(random, ids.get(0)).append("completed", true);
            pair.write(todos -> todos.replaceOne(Filters.eq("_id", ids.get(0)), replacement));
            pair.write(todos -> todos.updateMany(Filters.eq("ownerId", "bob"), Updates.set("completed", true)));
            pair.assertSameCounts();

            // {completed: true} matches an array holding true: the counts step aside while one exists.
            ObjectId listed = new ObjectId();
            pair.write(todos -> todos.insertOne(new Document("_id", listed).append("completed", List.of(false, true))));
            pair.assertSameCounts();
            pair.write(todos -> todos.deleteOne(Filters.eq("_id", listed)));
            pair.assertSameCounts();
        }
        try (Pair reopened = new Pair(dir)) {
            reopened.assertSameCounts();
            reopened.write(todos -> todos.updateOne(Filters.eq("_id", ids.get(1)), Updates.set("completed", false)));
            Document added = randomTodo(random, new ObjectId()).append("completed", true);
            reopened.write(todos -> todos.insertOne(new Document(added)));
            reopened.assertSameCounts();
        }
    }

    @Test
    void aDocumentTheIndexCannotOrderSendsEveryQueryToTheStockPath(@TempDir Path dir) {
        try (Pair pair = new Pair(dir)) {
            Random random = new Random(3);
            for (int i = 0; i < 60; i++) {
                Document todo = randomTodo(random, new ObjectId());
                pair.write(todos -> todos.insertOne(new Document(todo)));
            }
            // An array owner matches {ownerId: "alice"} in MongoDB; an array sort value sorts by its
            // smallest element. Neither fits the index, so it steps aside while they exist.
            ObjectId shared = new ObjectId();
            pair.write(todos -> todos.insertOne(new Document("_id", shared).append("ownerId", List.of("alice", "bob"))
                    .append("order", 5L)));
            ObjectId tagged = new ObjectId();
            pair.write(todos -> todos.insertOne(new Document("_id", tagged).append("ownerId", "alice")
                    .append("order", List.of(40L, 1L))));
            pair.assertSameAnswers(random);
            pair.write(todos -> todos.deleteOne(Filters.eq("_id", shared)));
            pair.write(todos -> todos.deleteOne(Filters.eq("_id", tagged)));
            pair.assertSameAnswers(random);
        }
    }

    @Test
    void concurrentWritersLeaveTheIndexConsistentWithTheDocuments(@TempDir Path dir) throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dir.resolve("ours"), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> todos = client.getDatabase("t").getCollection("todos");
            todos.createIndexes(INDEXES);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    Random random = new Random(writer);
                    for (int i = 0; i < 100; i++) {
                        ObjectId id = new ObjectId();
                        todos.insertOne(randomTodo(random, id).append("ownerId", "alice"));
                        todos.updateOne(Filters.eq("_id", id), Updates.set("order", (long) random.nextInt(20)));
                        if (i % 3 == 0) {
                            todos.deleteOne(Filters.eq("_id", id));
                        }
                        todos.find(Filters.eq("ownerId", "alice")).sort(Sorts.ascending("order", "_id")).limit(5)
                                .into(new ArrayList<>());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            writers.shutdown();
            List<Document> scanned = todos.find(Filters.eq("ownerId", "alice")).into(new ArrayList<>());
            scanned.sort((a, b) -> {
                int byOrder = Long.compare(a.getLong("order"), b.getLong("order"));
                return byOrder != 0 ? byOrder : a.getObjectId("_id").compareTo(b.getObjectId("_id"));
            });
            List<Document> listed = todos.find(Filters.eq("ownerId", "alice")).sort(Sorts.ascending("order", "_id"))
                    .into(new ArrayList<>());
            assertEquals(scanned.size(), listed.size());
            assertEquals(ids(scanned), ids(listed));
        }
    }

    private static String uri(InetSocketAddress address) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    private static List<Object> ids(List<Document> documents) {
        return documents.stream().map(d -> d.get("_id")).toList();
    }

    private static Document randomTodo(Random random, ObjectId id) {
        Document todo = new Document("_id", id)
                .append("ownerId", random.nextInt(3) == 0 ? "bob" : "alice")
                .append("title", "todo " + random.nextInt(1000))
                .append("completed", random.nextBoolean())
                // Few distinct values, so that ties are frequent and the _id tie-break matters.
                .append("order", (long) random.nextInt(40))
                .append("createdAt", new Date(1_700_000_000_000L + random.nextInt(20) * 1000L))
                .append("priorityRank", random.nextInt(3))
                .append("tags", List.of("t" + random.nextInt(3)));
        switch (random.nextInt(3)) {
            case 0 -> todo.append("dueDate", new Date(1_700_000_000_000L + random.nextInt(10) * 86_400_000L));
            case 1 -> todo.append("dueDate", null);
            default -> { }
        }
        return todo;
    }

    /** The same writes to our backend and to the stock one; queries compared between them. */
    private static final class Pair implements AutoCloseable {

        private final EmbeddedMongoServer ours;
        private final MongoServer stock;
        private final MongoClient oursClient;
        private final MongoClient stockClient;

        Pair(Path dir) {
            ours = EmbeddedMongoServer.persistent(dir.resolve("ours"), "127.0.0.1", 0);
            stock = new MongoServer(new H2Backend(dir.resolve("stock.mv").toString()));
            InetSocketAddress address = stock.bind();
            oursClient = MongoClients.create(ours.connectionString());
            stockClient = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
            write(todos -> todos.createIndexes(INDEXES));
        }

        void write(Consumer<MongoCollection<Document>> change) {
            change.accept(todos(oursClient));
            change.accept(todos(stockClient));
        }

        void assertSameAnswers(Random random) {
            List<Bson> filters = List.of(
                    Filters.eq("ownerId", "alice"),
                    Filters.and(Filters.eq("ownerId", "alice")),
                    Filters.and(Filters.eq("ownerId", "bob"), Filters.eq("completed", true)),
                    Filters.and(Filters.eq("ownerId", "alice"), Filters.eq("tags", "t1")),
                    Filters.and(Filters.eq("ownerId", "alice"), Filters.regex("title", "1", "i")),
                    Filters.and(Filters.eq("ownerId", "alice"), Filters.lt("dueDate", new Date(1_700_000_000_000L + 5 * 86_400_000L))),
                    Filters.and(Filters.eq("ownerId", "alice"), Filters.eq("ownerId", "bob")),
                    Filters.eq("ownerId", "nobody"),
                    Filters.in("ownerId", "alice", "bob"));
            for (Bson filter : filters) {
                int matching = (int) todos(stockClient).countDocuments(filter);
                for (String field : SORT_FIELDS) {
                    for (boolean ascending : List.of(true, false)) {
                        Bson sort = ascending ? Sorts.ascending(field, "_id") : Sorts.descending(field, "_id");
                        assertSame(filter, sort, 0, 0);
                        assertSame(filter, sort, random.nextInt(60), 1 + random.nextInt(25));
                        // Pages in the second half, which the index walks to from the end.
                        assertSame(filter, sort, matching * 3 / 4, 7);
                        assertSame(filter, sort, matching * 3 / 4, 0);
                        assertSame(filter, sort, Math.max(matching - 5, 0), 20);
                        assertSame(filter, sort, matching, 20);
                        assertSame(filter, sort, 1000, 20);
                    }
                }
                assertSame(filter, Sorts.ascending("order"), 0, 0);
                assertSame(filter, Sorts.orderBy(Sorts.ascending("order"), Sorts.descending("_id")), 3, 10);
                assertEquals(todos(stockClient).countDocuments(filter), todos(oursClient).countDocuments(filter),
                        () -> "count " + filter);
                CountOptions page = new CountOptions().skip(2).limit(5);
                assertEquals(todos(stockClient).countDocuments(filter, page), todos(oursClient).countDocuments(filter, page),
                        () -> "count with skip and limit " + filter);
            }
        }

        /** Counts on the single-field index's field, served from its counts or, for the rest, the stock way. */
        void assertSameCounts() {
            List<Bson> filters = List.of(
                    Filters.eq("completed", true),
                    Filters.eq("completed", false),
                    Filters.and(Filters.eq("completed", true)),
                    Filters.and(Filters.eq("completed", true), Filters.eq("completed", true)),
                    Filters.and(Filters.eq("completed", true), Filters.eq("completed", false)),
                    Filters.eq("completed", "true"),
                    Filters.eq("completed", "done"),
                    Filters.eq("completed", 1),
                    Filters.eq("completed", null),
                    Filters.ne("completed", true),
                    Filters.and(Filters.eq("completed", true), Filters.eq("ownerId", "bob")));
            for (Bson filter : filters) {
                assertEquals(todos(stockClient).countDocuments(filter), todos(oursClient).countDocuments(filter),
                        () -> "count " + filter);
            }
            assertEquals(todos(stockClient).estimatedDocumentCount(), todos(oursClient).estimatedDocumentCount());
        }

        private void assertSame(Bson filter, Bson sort, int skip, int limit) {
            assertEquals(page(todos(stockClient), filter, sort, skip, limit), page(todos(oursClient), filter, sort, skip, limit),
                    () -> "find " + filter + " sort " + sort + " skip " + skip + " limit " + limit);
        }

        private static List<Document> page(MongoCollection<Document> todos, Bson filter, Bson sort, int skip, int limit) {
            // A small batch size, so that pages longer than one batch also come through a cursor.
            FindIterable<Document> found = todos.find(filter).sort(sort).skip(skip).limit(limit).batchSize(7);
            return found.into(new ArrayList<>());
        }

        private static MongoCollection<Document> todos(MongoClient client) {
            return client.getDatabase("t").getCollection("todos");
        }

        @Override
        public void close() {
            oursClient.close();
            stockClient.close();
            ours.close();
            stock.shutdown();
        }
    }
}
