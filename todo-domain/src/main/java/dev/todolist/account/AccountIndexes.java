package dev.todolist.account;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the indexes of the account collections at start-up, like the todos' indexes. The unique
 * index on the normalised email is what makes a second sign-up of an address a no-op; the one on
 * the token hash is how a personal access token is found. Sessions and tokens are looked up by
 * user for revocation. No TTL index: expiry is checked in code (the wire server has none).
 *
 * <p>Sign-up relies on the unique index, so it calls {@link #ensureCreated()} first: a sign-up that
 * arrives before the start-up task has finished creates the indexes itself.
 */
@Singleton
public class AccountIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(AccountIndexes.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(10);

    static final Map<String, List<IndexModel>> INDEXES = Map.of(
            User.COLLECTION, List.of(
                    new IndexModel(Indexes.ascending("email"), new IndexOptions().name("email_unique").unique(true))),
            Session.COLLECTION, List.of(
                    new IndexModel(Indexes.ascending("userId", "expiresAt"), new IndexOptions().name("user_expiresAt"))),
            AccessToken.COLLECTION, List.of(
                    new IndexModel(Indexes.ascending("tokenHash"), new IndexOptions().name("tokenHash_unique").unique(true)),
                    new IndexModel(Indexes.ascending("userId", "createdAt"), new IndexOptions().name("user_createdAt"))));

    private final MongoClient client;
    private final MongoDatabaseNameProvider databaseNames;
    private final TaskScheduler scheduler;
    private final AtomicBoolean created = new AtomicBoolean();

    public AccountIndexes(MongoClient client, MongoDatabaseNameProvider databaseNames,
                          @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.client = client;
        this.databaseNames = databaseNames;
        this.scheduler = scheduler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.schedule(Duration.ZERO, this::createUntilDone);
    }

    /** Returns once every index exists, creating them now if the start-up task has not yet. */
    public void ensureCreated() {
        if (!created.get()) {
            create();
        }
    }

    private void create() {
        MongoDatabase database = client.getDatabase(databaseNames.provide(User.class));
        INDEXES.forEach((collection, indexes) -> database.getCollection(collection).createIndexes(indexes));
        created.set(true);
    }

    private void createUntilDone() {
        try {
            create();
            LOG.info("Indexes of {} are in place", INDEXES.keySet());
        } catch (MongoException e) {
            LOG.warn("Could not create the indexes of the account collections ({}); retrying in {}s", e.getMessage(),
                    RETRY_DELAY.toSeconds());
            scheduler.schedule(RETRY_DELAY, this::createUntilDone);
        }
    }
}
