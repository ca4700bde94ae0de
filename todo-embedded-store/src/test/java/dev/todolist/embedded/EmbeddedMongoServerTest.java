package dev.todolist.embedded;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedMongoServerTest {

    @Test
    void driverCanUseClientSessionsAgainstTheWireServer() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             MongoClient client = MongoClients.create(server.connectionString());
             ClientSession session = client.startSession()) {
            MongoCollection<Document> todos = client.getDatabase("t").getCollection("todos");
            todos.insertOne(session, new Document("title", "write tests"));
            assertEquals(1, todos.countDocuments(session));
        }
    }

    @Test
    void persistentServerKeepsDataAcrossACleanRestart(@TempDir Path dataDir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("t").getCollection("todos").insertOne(new Document("title", "survive"));
        }
        assertTrue(Files.exists(dataDir.resolve("todolist.mv")));
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            Document found = client.getDatabase("t").getCollection("todos").find().first();
            assertEquals("survive", found.getString("title"));
        }
    }

    @Test
    void queriesThatPinTheIdStillApplyEveryOtherCondition(@TempDir Path dataDir) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> todos = client.getDatabase("t").getCollection("todos");
            List<ObjectId> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ObjectId id = new ObjectId();
                ids.add(id);
                todos.insertOne(new Document("_id", id).append("ownerId", i % 2 == 0 ? "alice" : "bob")
                        .append("title", "todo " + i).append("version", 0L));
            }
            ObjectId alices = ids.get(10);
            Bson asAlice = Filters.and(Filters.eq("ownerId", "alice"), Filters.eq("_id", alices));
            Bson asBob = Filters.and(Filters.eq("ownerId", "bob"), Filters.eq("_id", alices));

            assertEquals("todo 10", todos.find(asAlice).first().getString("title"));
            assertEquals("todo 10", todos.find(new Document("ownerId", "alice").append("_id", alices)).first().getString("title"));
            assertNull(todos.find(asBob).first(), "another owner's todo is not found by its id");
            assertNull(todos.find(Filters.and(asAlice, Filters.eq("title", "other"))).first());
            assertEquals(0, todos.countDocuments(asBob));
            assertEquals(1, todos.countDocuments(asAlice));
            assertNull(todos.find(Filters.eq("_id", new ObjectId())).first(), "an unknown id matches nothing");
            assertEquals(2, todos.countDocuments(Filters.in("_id", ids.get(0), ids.get(1))), "operators take the stock path");

            Bson version0 = Filters.and(Filters.eq("_id", alices), Filters.eq("version", 0L));
            Document replacement = new Document("ownerId", "alice").append("title", "changed").append("version", 1L);
            assertEquals(1, todos.replaceOne(version0, replacement).getModifiedCount());
            assertEquals(0, todos.replaceOne(version0, replacement).getMatchedCount(), "a stale version matches nothing");

            assertEquals(0, todos.deleteMany(asBob).getDeletedCount());
            assertEquals(1, todos.deleteMany(asAlice).getDeletedCount());
            assertEquals(39, todos.countDocuments());
        }
    }

    @Test
    void aStoreOfTheStockH2BackendOpensUnchangedAndBack(@TempDir Path dataDir) throws Exception {
        Path storeFile = dataDir.resolve("todolist.mv");
        MongoServer stock = new MongoServer(new H2Backend(storeFile.toString()));
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(stock.bind()))) {
            client.getDatabase("t").getCollection("todos").insertOne(new Document("title", "from the stock backend"));
        } finally {
            stock.shutdown();
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> todos = client.getDatabase("t").getCollection("todos");
            Document found = todos.find(Filters.eq("title", "from the stock backend")).first();
            assertEquals(found, todos.find(Filters.eq("_id", found.getObjectId("_id"))).first());
            todos.insertOne(new Document("title", "from ours"));
        }
        stock = new MongoServer(new H2Backend(storeFile.toString()));
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(stock.bind()))) {
            assertEquals(2, client.getDatabase("t").getCollection("todos").countDocuments());
        } finally {
            stock.shutdown();
        }
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
