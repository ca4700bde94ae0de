package dev.todolist.persistence;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
