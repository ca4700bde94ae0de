package dev.todolist.persistence;

import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.connection.ClusterConnectionMode;
import dev.todolist.testing.MongoFixture;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver settings the service runs with: durable writes, a small pool and fast failure by
 * default; {@code todolist.mongodb.*} changes them; options written in the URI win over both.
 */
class DatabaseClientSettingsTest {

    private static MongoClientSettings settings(String uriOptions, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("mongodb.uri", MongoFixture.uri(MongoFixture.uniqueDatabase("clientsettings")) + uriOptions);
        all.put("todolist.mongodb.create-indexes", "false");
        try (ApplicationContext context = ApplicationContext.run(all)) {
            return context.getBean(MongoClientSettings.class);
        }
    }

    @Test
    void defaultsAreMajorityJournaledWritesASmallPoolAndSecondsToFail() {
        MongoClientSettings settings = settings("", Map.of());
        assertEquals(WriteConcern.MAJORITY.withJournal(true), settings.getWriteConcern());
        assertEquals(20, settings.getConnectionPoolSettings().getMaxSize());
        assertEquals(5_000, settings.getConnectionPoolSettings().getMaxWaitTime(TimeUnit.MILLISECONDS));
        assertEquals(3_000, settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
        assertEquals(3_000, settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS));
        assertEquals(15_000, settings.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS));
    }

    @Test
    void settingsChangeTheDefaults() {
        MongoClientSettings settings = settings("", Map.of(
                "todolist.mongodb.write-concern", "2",
                "todolist.mongodb.journal", "false",
                "todolist.mongodb.max-pool-size", "7",
                "todolist.mongodb.server-selection-timeout", "1500ms"));
        assertEquals(new WriteConcern(2).withJournal(false), settings.getWriteConcern());
        assertEquals(7, settings.getConnectionPoolSettings().getMaxSize());
        assertEquals(1_500, settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
    }

    @Test
    void optionsInTheUriWin() {
        MongoClientSettings settings = settings("?w=1&maxPoolSize=50&serverSelectionTimeoutMS=900",
                Map.of("todolist.mongodb.max-pool-size", "7"));
        assertEquals(WriteConcern.W1, settings.getWriteConcern());
        assertEquals(50, settings.getConnectionPoolSettings().getMaxSize());
        assertEquals(900, settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
    }

    @Test
    void aReplicaSetUriIsUsedAsWrittenAndReadsStayOnThePrimary() {
        MongoClientSettings settings = settings("?replicaSet=rs0&retryWrites=true&w=majority", Map.of());
        assertEquals(ClusterConnectionMode.MULTIPLE, settings.getClusterSettings().getMode());
        assertEquals("rs0", settings.getClusterSettings().getRequiredReplicaSetName());
        assertTrue(settings.getRetryWrites());
        assertTrue(settings.getRetryReads());
        assertEquals(WriteConcern.MAJORITY, settings.getWriteConcern(), "the URI's w=majority, as written");
        assertEquals(ReadPreference.primary(), settings.getReadPreference(), "a write is read back where it was made");
        assertEquals(3_000, settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS),
                "a lost primary turns into a 503 within seconds, while an election lasts");
    }

    @Test
    void aPlainUriConnectsToOneServerWithRetryableWrites() {
        MongoClientSettings settings = settings("", Map.of());
        assertEquals(ClusterConnectionMode.SINGLE, settings.getClusterSettings().getMode());
        assertNull(settings.getClusterSettings().getRequiredReplicaSetName());
        assertTrue(settings.getRetryWrites());
    }
}
