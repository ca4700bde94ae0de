package dev.todolist.backup.job;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.todolist.embedded.EmbeddedMongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A restore into the persistent embedded store (the default database) is still there after the
 * store restarts, and a second restore over it works: the swap is a rename, which the stock H2
 * backend did not persist.
 */
@ExtendWith(BackedUpDatabases.class)
class RestoreIntoTheEmbeddedStoreTest {

    private static final String TARGET = "todolist";

    @TempDir
    Path dataDir;

    @Test
    void restoredDataSurvivesARestartOfTheEmbeddedStoreAndARepeatedRestore(TestDatabases.BackedUp seeded) throws Exception {
        MongoDatabase source = seeded.database();
        Map<String, Map<String, String>> expected = TestDatabases.snapshot(source);
        Map<String, List<String>> expectedIndexes = TestDatabases.indexes(source);

        for (int round = 1; round <= 2; round++) {
            try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", 0);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                client.getDatabase(TARGET).getCollection("todos").insertOne(new Document("title", "replaced by round " + round));
                restore(client, seeded.store(), seeded.backup());
            }
            try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", 0);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoDatabase restored = client.getDatabase(TARGET);
                assertEquals(expected, TestDatabases.snapshot(restored), "after restore " + round + " and a restart");
                assertEquals(expectedIndexes, TestDatabases.indexes(restored));
                assertFalse(TestDatabases.hasStaging(restored));
            }
        }
    }

    private static void restore(MongoClient client, ArchiveStore store, BackupResult backup) throws Exception {
        TestDatabases.restoreJob(client, TARGET, store, RestoreListener.NONE).restore(backup.archive(), Optional.empty(), false);
    }
}
