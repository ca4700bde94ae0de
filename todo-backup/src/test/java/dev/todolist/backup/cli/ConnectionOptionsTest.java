package dev.todolist.backup.cli;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.TaggableReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import dev.todolist.testing.MongoFixture;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver settings the job builds from {@code MONGODB_URI}: a replica-set URI is used as
 * written, a backup reads from a healthy secondary and a restore stays on the primary. No replica
 * set runs here (the test database is one server), so the replica-set settings are checked as
 * settings; that a plain URI still works is checked on the real connection.
 */
class ConnectionOptionsTest {

    private static final String REPLICA_SET = "mongodb://db1:27017,db2:27017,db3:27017/todolist"
            + "?replicaSet=rs0&retryWrites=true&w=majority&authSource=admin";

    private static ConnectionOptions options(String uri) {
        ConnectionOptions options = new ConnectionOptions();
        options.uri = uri;
        return options;
    }

    @Test
    void aReplicaSetUriReachesTheDriverAsWritten() {
        ConnectionOptions options = options(REPLICA_SET);
        for (MongoClientSettings settings : new MongoClientSettings[] {
                options.settings(options.dumpReadPreference()), options.settings(ReadPreference.primary())}) {
            assertEquals("rs0", settings.getClusterSettings().getRequiredReplicaSetName());
            assertEquals(3, settings.getClusterSettings().getHosts().size());
            assertTrue(settings.getRetryWrites());
            assertEquals(WriteConcern.MAJORITY, settings.getWriteConcern());
        }
    }

    @Test
    void aBackupReadsFromASecondaryThatIsNotFarBehindElseFromThePrimary() {
        ReadPreference dump = options(REPLICA_SET).dumpReadPreference();
        assertEquals(ReadPreference.secondaryPreferred().getName(), dump.getName());
        assertEquals(ConnectionOptions.MAX_STALENESS_SECONDS,
                ((TaggableReadPreference) dump).getMaxStaleness(TimeUnit.SECONDS));
    }

    @Test
    void aRestoreReadsAndWritesOnThePrimaryWhateverTheUriSays() {
        ConnectionOptions options = options(REPLICA_SET + "&readPreference=secondary");
        assertEquals(ReadPreference.secondary(), options.dumpReadPreference(), "the URI's choice wins for a backup");
        assertEquals(ReadPreference.primary(), options.settings(ReadPreference.primary()).getReadPreference());
    }

    @Test
    void writesAreMajorityAcknowledgedUnlessTheUriSaysOtherwise() {
        assertEquals(WriteConcern.MAJORITY, options("mongodb://localhost/todolist").settings(ReadPreference.primary())
                .getWriteConcern());
        assertEquals(WriteConcern.W1, options("mongodb://localhost/todolist?w=1").settings(ReadPreference.primary())
                .getWriteConcern());
    }

    @Test
    void aPlainUriStillWorksForBothClients() {
        String database = MongoFixture.uniqueDatabase("connection");
        ConnectionOptions options = options(MongoFixture.uri(database));
        try (MongoClient restore = options.connectForRestore(); MongoClient dump = options.connectForDump()) {
            restore.getDatabase(database).getCollection("todos").insertOne(new Document("title", "kept"));
            assertEquals("kept", dump.getDatabase(database).getCollection("todos").find().first().getString("title"));
        }
    }
}
