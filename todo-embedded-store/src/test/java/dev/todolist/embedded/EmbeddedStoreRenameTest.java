package dev.todolist.embedded;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.RenameCollectionOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A renamed collection of the persistent embedded store keeps its documents and indexes across a restart. */
class EmbeddedStoreRenameTest {

    private static final String DATABASE = "t";

    /** Writes documents "a 1" to "a 3" into collection a, renames it to b, and closes the store. */
    private static void storeThreeDocumentsRenamedFromAToB(Path dataDir) {
        withDatabase(dataDir, db -> {
            db.getCollection("a").insertMany(documents("a", 3));
            db.getCollection("a").renameCollection(new MongoNamespace(DATABASE, "b"));
        });
    }

    @Test
    void renamedCollectionKeepsItsDocumentsAcrossARestart(@TempDir Path dataDir) {
        storeThreeDocumentsRenamedFromAToB(dataDir);

        withDatabase(dataDir, db -> {
            assertEquals(documents("a", 3), sortedById(db.getCollection("b")));
            assertFalse(collectionNames(db).contains("a"), "the old name is gone");
            db.getCollection("a").insertMany(documents("reused", 3));
            assertEquals(documents("reused", 3), sortedById(db.getCollection("a")), "the old name starts empty");
        });

        withDatabase(dataDir, db -> {
            assertEquals(documents("a", 3), sortedById(db.getCollection("b")));
            assertEquals(documents("reused", 3), sortedById(db.getCollection("a")));
        });
    }

    @Test
    void renameWithDropTargetReplacesTheTargetDurably(@TempDir Path dataDir) {
        withDatabase(dataDir, db -> {
            db.getCollection("b").insertMany(documents("old b", 5));
            db.getCollection("a").insertMany(documents("a", 2));
            db.getCollection("a").renameCollection(new MongoNamespace(DATABASE, "b"),
                    new RenameCollectionOptions().dropTarget(true));
        });

        withDatabase(dataDir, db -> {
            assertEquals(documents("a", 2), sortedById(db.getCollection("b")), "only the renamed documents");
            assertFalse(collectionNames(db).contains("a"));
            db.getCollection("a").insertMany(documents("reused", 2));
        });
    }

    @Test
    void renameTwiceOverTheSameTargetAsARepeatedRestoreDoes(@TempDir Path dataDir) {
        for (String round : List.of("first", "second")) {
            withDatabase(dataDir, db -> {
                db.getCollection("staging").insertMany(documents(round, 4));
                db.getCollection("staging").renameCollection(new MongoNamespace(DATABASE, "live"),
                        new RenameCollectionOptions().dropTarget(true));
            });
            withDatabase(dataDir, db -> assertEquals(documents(round, 4), sortedById(db.getCollection("live"))));
        }
    }

    @Test
    void indexesFollowTheRenamedCollectionAcrossARestart(@TempDir Path dataDir) {
        withDatabase(dataDir, db -> {
            MongoCollection<Document> a = db.getCollection("a");
            a.createIndex(Indexes.ascending("title"), new IndexOptions().unique(true).name("title_unique"));
            a.insertMany(documents("a", 3));
            a.renameCollection(new MongoNamespace(DATABASE, "b"));
        });

        withDatabase(dataDir, db -> {
            MongoCollection<Document> b = db.getCollection("b");
            List<String> indexNames = new ArrayList<>();
            b.listIndexes().forEach(index -> indexNames.add(index.getString("name")));
            assertTrue(indexNames.contains("title_unique"), "indexes of b: " + indexNames);
            assertEquals("a 1", b.find(Filters.eq("_id", 1)).first().getString("title"), "the _id index finds the document");
            assertThrows(MongoWriteException.class, () -> b.insertOne(new Document("_id", 99).append("title", "a 2")),
                    "the unique index still holds the renamed documents' values");
            db.getCollection("a").insertOne(new Document("_id", 1).append("title", "a 1"));
        });
    }

    @Test
    void theStockBackendReadsAStoreRenamedHere(@TempDir Path dataDir) {
        storeThreeDocumentsRenamedFromAToB(dataDir);

        withStockDatabase(dataDir, db -> {
            assertEquals(documents("a", 3), sortedById(db.getCollection("b")));
            assertEquals("a 2", db.getCollection("b").find(Filters.eq("_id", 2)).first().getString("title"));
        });
    }

    @Test
    void renamingOntoDocumentsOrphanedByTheStockRenameIsRefusedAndKeepsThem(@TempDir Path dataDir) {
        withStockDatabase(dataDir, db -> {
            db.getCollection("x").insertMany(documents("orphaned", 2));
            db.getCollection("x").renameCollection(new MongoNamespace(DATABASE, "y"));
        });

        withDatabase(dataDir, db -> {
            db.getCollection("z").insertMany(documents("z", 1));
            MongoCommandException refused = assertThrows(MongoCommandException.class,
                    () -> db.getCollection("z").renameCollection(new MongoNamespace(DATABASE, "x")));
            assertTrue(refused.getErrorMessage().contains("2 orphaned documents under t.x"), refused.getErrorMessage());
            assertEquals(documents("z", 1), sortedById(db.getCollection("z")), "the source is untouched");
        });
        MVStore store = MVStore.open(dataDir.resolve("todolist.mv").toString());
        try {
            assertEquals(2, store.openMap("databases." + DATABASE + ".x").size(), "the orphaned documents are still in the store");
        } finally {
            store.close();
        }
    }

    private static void withStockDatabase(Path dataDir, Consumer<MongoDatabase> work) {
        MongoServer stock = new MongoServer(new H2Backend(dataDir.resolve("todolist.mv").toString()));
        InetSocketAddress address = stock.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            work.accept(client.getDatabase(DATABASE));
        } finally {
            stock.shutdown();
        }
    }

    private static void withDatabase(Path dataDir, Consumer<MongoDatabase> work) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            work.accept(client.getDatabase(DATABASE));
        }
    }

    private static List<Document> documents(String titlePrefix, int count) {
        List<Document> documents = new ArrayList<>();
        for (int id = 0; id < count; id++) {
            documents.add(new Document("_id", id).append("title", titlePrefix + " " + id));
        }
        return documents;
    }

    private static List<Document> sortedById(MongoCollection<Document> collection) {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private static List<String> collectionNames(MongoDatabase db) {
        return db.listCollectionNames().into(new ArrayList<>());
    }
}
