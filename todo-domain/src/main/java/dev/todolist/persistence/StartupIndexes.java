package dev.todolist.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates a feature's indexes at start-up (Micronaut Data never does), off the start-up path.
 *
 * <p>Creating an index that exists is a no-op, so this runs on every start. When the database is
 * down at start-up the service still starts (requests answer 503) and creation is retried every
 * {@value #RETRY_SECONDS} seconds until it succeeds.
 */
public abstract class StartupIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(StartupIndexes.class);
    private static final int RETRY_SECONDS = 10;

    private final MongoClient client;
    private final MongoDatabaseNameProvider databaseNames;
    private final TaskScheduler scheduler;
    private final Class<?> entity;
    private final Map<String, List<IndexModel>> indexes;
    private final AtomicBoolean created = new AtomicBoolean();

    /**
     * @param entity  an entity of the feature, naming the database its collections live in
     * @param indexes the indexes of each collection, by collection name
     */
    protected StartupIndexes(MongoClient client, MongoDatabaseNameProvider databaseNames, TaskScheduler scheduler,
                             Class<?> entity, Map<String, List<IndexModel>> indexes) {
        this.client = client;
        this.databaseNames = databaseNames;
        this.scheduler = scheduler;
        this.entity = entity;
        this.indexes = Map.copyOf(indexes);
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        scheduler.schedule(Duration.ZERO, this::createUntilDone);
    }

    /** True once every index exists. */
    public boolean created() {
        return created.get();
    }

    /** Returns once every index exists, creating them now if the start-up task has not yet. */
    public void ensureCreated() {
        if (!created.get()) {
            create();
        }
    }

    protected MongoDatabase database() {
        return client.getDatabase(databaseNames.provide(entity));
    }

    private void create() {
        MongoDatabase database = database();
        indexes.forEach((collection, models) -> database.getCollection(collection).createIndexes(models));
        created.set(true);
    }

    private void createUntilDone() {
        try {
            create();
            LOG.info("Indexes of {} are in place", indexes.keySet());
        } catch (MongoException e) {
            LOG.warn("Could not create the indexes of {} ({}); retrying in {}s", indexes.keySet(), e.getMessage(),
                    RETRY_SECONDS);
            scheduler.schedule(Duration.ofSeconds(RETRY_SECONDS), this::createUntilDone);
        }
    }
}
