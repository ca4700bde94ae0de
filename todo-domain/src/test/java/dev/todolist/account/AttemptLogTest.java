package dev.todolist.account;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.todolist.embedded.EmbeddedMongoServer;
import dev.todolist.testing.MongoFixture;
import dev.todolist.testing.MovableClock;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sliding-window rule over the shared MongoDB fixture (a real driver and server), with a clock
 * the test moves: a key may try until it has {@code limit} attempts in the window, then waits until
 * the oldest of them leaves it. Expiry is checked by the query itself, so it holds on the embedded
 * store too, which accepts the TTL index but never applies it.
 */
class AttemptLogTest {

    private static final MongoClient CLIENT = MongoClients.create(MongoFixture.connectionString());
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MovableClock clock = new MovableClock(START);
    private MongoCollection<Document> collection;
    private AttemptLog.Counter counter;

    @BeforeEach
    void freshCollection() {
        collection = CLIENT.getDatabase(MongoFixture.uniqueDatabase("attempts")).getCollection(AttemptLog.COLLECTION);
        collection.createIndexes(AttemptLog.INDEXES);
        counter = new AttemptLog(collection, clock).counter("rule", 3, WINDOW);
    }

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    @Test
    void aKeyMayTryUntilItReachesItsLimitWithinTheWindow() {
        counter.record("k");
        clockAt(10);
        counter.record("k");
        clockAt(20);
        assertEquals(Optional.empty(), counter.waitTime("k"));
        counter.record("k");
        assertEquals(Optional.of(Duration.ofSeconds(40)), counter.waitTime("k"));
    }

    @Test
    void theWindowSlidesOldAttemptsOut() {
        counter.record("k");
        clockAt(30);
        counter.record("k");
        clockAt(50);
        counter.record("k");
        clockAt(55);
        assertEquals(Optional.of(Duration.ofSeconds(5)), counter.waitTime("k"));
        clockAt(60);
        assertEquals(Optional.empty(), counter.waitTime("k"), "the first attempt left the window");
        counter.record("k");
        assertEquals(Optional.of(Duration.ofSeconds(30)), counter.waitTime("k"), "now the second is oldest");
    }

    @Test
    void keysAndRulesAreCountedApartAndForgotten() {
        for (int i = 0; i < 3; i++) {
            counter.record("a");
        }
        assertEquals(Optional.empty(), counter.waitTime("b"));
        AttemptLog.Counter otherRule = new AttemptLog(collection, clock).counter("other", 3, WINDOW);
        assertEquals(Optional.empty(), otherRule.waitTime("a"), "another rule's key of the same name");
        counter.forget("a");
        assertEquals(Optional.empty(), counter.waitTime("a"));
    }

    @Test
    void everyCounterOnTheCollectionSeesTheSameAttempts() {
        AttemptLog.Counter elsewhere = new AttemptLog(collection, clock).counter("rule", 3, WINDOW);
        counter.record("shared");
        elsewhere.record("shared");
        counter.record("shared");
        assertEquals(Optional.of(WINDOW), elsewhere.waitTime("shared"));
    }

    @Test
    void expiredAttemptsAreRemovedWhereNoTtlMonitorDoes() {
        for (int i = 0; i < 3; i++) {
            counter.record("old");
        }
        clockAt(70);
        new AttemptLog(collection, clock).forgetExpired();
        assertEquals(0, collection.countDocuments());
        counter.record("old");
        assertEquals(Optional.empty(), counter.waitTime("old"), "only the new attempt remains");
    }

    @Test
    void theEmbeddedStoreAcceptsTheTtlIndexAcrossRestartsAndTheQueryIgnoresExpiredAttempts(@TempDir Path data) {
        for (int run = 0; run < 2; run++) {
            try (EmbeddedMongoServer store = EmbeddedMongoServer.persistent(data, "127.0.0.1", 0);
                 MongoClient client = MongoClients.create(store.connectionString())) {
                MongoCollection<Document> attempts = client.getDatabase("todolist").getCollection(AttemptLog.COLLECTION);
                attempts.createIndexes(AttemptLog.INDEXES);
                AttemptLog.Counter stored = new AttemptLog(attempts, clock).counter("rule", 3, WINDOW);
                if (run == 0) {
                    for (int i = 0; i < 3; i++) {
                        stored.record("k");
                    }
                    assertEquals(Optional.of(WINDOW), stored.waitTime("k"));
                } else {
                    assertEquals(3, attempts.countDocuments(), "the store applies no TTL");
                    clockAt(61);
                    assertEquals(Optional.empty(), stored.waitTime("k"), "expired attempts do not count");
                    stored.forget("k");
                    assertEquals(0, attempts.countDocuments(), "forgotten by _id on the H2 store too");
                }
            }
        }
    }

    /** Moves the clock to that many seconds after the start. */
    private void clockAt(long seconds) {
        clock.set(START.plusSeconds(seconds));
    }
}
