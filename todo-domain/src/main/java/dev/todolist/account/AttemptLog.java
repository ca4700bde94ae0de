package dev.todolist.account;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Attempts that are limited (failed sign-ins, sign-ups), one document each in the shared
 * {@value #COLLECTION} collection, so that every instance of the service counts the same attempts:
 * 20 failures spread over three instances lock an account exactly as 20 on one would.
 *
 * <p>An attempt is {@code {key, expiresAt}}, where the key names the rule and what it counts
 * ({@code sign-in-account:ann@example.org}) and {@code expiresAt} is the attempt's time plus the
 * rule's window. Every query asks for {@code expiresAt > now}, so the answer never depends on when
 * expired documents go: MongoDB's TTL monitor removes them (every 60 s or so), and
 * {@link #forgetExpired} does on a store that has no TTL (the embedded store accepts the index and
 * ignores it). {@link AccountIndexes} creates {@link #INDEXES} at start-up.
 */
@Singleton
public class AttemptLog {

    public static final String COLLECTION = "attempts";
    static final String KEY = "key";
    static final String EXPIRES_AT = "expiresAt";
    /**
     * An attempt is found by key, newest first, through {@code (key, expiresAt, _id)}: the shape the
     * embedded store also serves from an index. The TTL index removes it once expired.
     */
    public static final List<IndexModel> INDEXES = List.of(
            new IndexModel(Indexes.ascending(KEY, EXPIRES_AT, "_id"), new IndexOptions().name("key_expiresAt")),
            new IndexModel(Indexes.ascending(EXPIRES_AT),
                    new IndexOptions().name("expiresAt_ttl").expireAfter(0L, TimeUnit.SECONDS)));
    private static final Bson NEWEST_FIRST = Sorts.descending(EXPIRES_AT, "_id");
    private static final Logger LOG = LoggerFactory.getLogger(AttemptLog.class);

    private final MongoCollection<Document> attempts;
    private final Clock clock;

    @Inject
    public AttemptLog(MongoClient client, MongoDatabaseNameProvider databaseNames) {
        this(client.getDatabase(databaseNames.provide(User.class)).getCollection(COLLECTION), Clock.systemUTC());
    }

    /** On a collection and a clock of the caller's choice (tests, the benchmark's probe). */
    public AttemptLog(MongoCollection<Document> attempts, Clock clock) {
        this.attempts = attempts;
        this.clock = clock;
    }

    /** BSON dates hold milliseconds: truncating keeps what is compared equal to what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A rule that allows {@code limit} attempts per key within any {@code window}.
     *
     * @param rule names the rule; keys of different rules never meet
     */
    public Counter counter(String rule, int limit, Duration window) {
        return new Counter(rule, limit, window);
    }

    /** Removes expired attempts where no TTL monitor does (harmless where one does). */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    public void forgetExpired() {
        try {
            attempts.deleteMany(Filters.lte(EXPIRES_AT, Date.from(now())));
        } catch (MongoException e) {
            LOG.debug("Expired attempts not removed this time: {}", e.getMessage());
        }
    }

    /** One rule's attempts. */
    public final class Counter {

        private final String prefix;
        private final int limit;
        private final Duration window;

        private Counter(String rule, int limit, Duration window) {
            this.prefix = rule + ":";
            this.limit = limit;
            this.window = window;
        }

        /**
         * How long {@code key} must wait, or empty when it may try now: once it has {@code limit}
         * attempts in the window, until the oldest of its last {@code limit} leaves the window.
         */
        public Optional<Duration> waitTime(String key) {
            Instant now = now();
            List<Document> recent = attempts.find(Filters.and(Filters.eq(KEY, prefix + key),
                            Filters.gt(EXPIRES_AT, Date.from(now))))
                    .sort(NEWEST_FIRST)
                    .projection(Projections.include(EXPIRES_AT))
                    .limit(limit)
                    .into(new ArrayList<>(limit));
            if (recent.size() < limit) {
                return Optional.empty();
            }
            Instant freeAt = recent.get(recent.size() - 1).getDate(EXPIRES_AT).toInstant();
            return Optional.of(Duration.between(now, freeAt));
        }

        public void record(String key) {
            attempts.insertOne(new Document(KEY, prefix + key).append(EXPIRES_AT, Date.from(now().plus(window))));
        }

        /** Forgets {@code key}'s attempts (a key has few: recording stops at the limit). */
        public void forget(String key) {
            // Found through the index, then deleted by _id: a delete by key would scan the collection on
            // the embedded store (48 ms instead of about 4 in the benchmark). Most successful sign-ins
            // follow no failure and stop at the look-up.
            List<DeleteOneModel<Document>> deletes = new ArrayList<>();
            attempts.find(Filters.eq(KEY, prefix + key)).sort(NEWEST_FIRST).projection(Projections.include("_id"))
                    .forEach(attempt -> deletes.add(new DeleteOneModel<>(Filters.eq("_id", attempt.get("_id")))));
            if (!deletes.isEmpty()) {
                attempts.bulkWrite(deletes);
            }
        }
    }
}
