package dev.todolist.todo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the indexes of the {@code todos} collection at start-up (Micronaut Data never does).
 *
 * <p>Every list, count and lookup filters on {@code ownerId} first, so every index starts with it;
 * each sort of {@link TodoSort} has its own index ending in {@code _id}, the tie-breaker, so a
 * page is read from the index in order instead of sorting the owner's whole collection.
 * Creating an index that exists is a no-op, so this runs on every start. When the database is
 * down at start-up the service still starts (requests answer 503) and this retries until done.
 */
@Singleton
@Requires(property = "todolist.mongodb.create-indexes", notEquals = "false")
public class TodoIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(TodoIndexes.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(10);

    static final List<IndexModel> INDEXES = List.of(
            index("owner_order", Indexes.ascending("ownerId", "order", "_id")),
            index("owner_createdAt", Indexes.ascending("ownerId", "createdAt", "_id")),
            index("owner_dueDate", Indexes.ascending("ownerId", "dueDate", "_id")),
            index("owner_priority", Indexes.ascending("ownerId", "priorityRank", "_id")),
            index("owner_completed_order", Indexes.ascending("ownerId", "completed", "order", "_id")),
            index("owner_tags", Indexes.ascending("ownerId", "tags")));

    private final MongoClient client;
    private final MongoDatabaseNameProvider databaseNames;
    private final TaskScheduler scheduler;
    private final AtomicBoolean created = new AtomicBoolean();

    public TodoIndexes(MongoClient client, MongoDatabaseNameProvider databaseNames,
                       @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.client = client;
        this.databaseNames = databaseNames;
        this.scheduler = scheduler;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        scheduler.schedule(Duration.ZERO, this::createUntilDone);
    }

    /** True once every index exists. */
    public boolean created() {
        return created.get();
    }

    private void createUntilDone() {
        try {
            collection().createIndexes(INDEXES);
            created.set(true);
            LOG.info("Indexes of {} are in place", Todo.COLLECTION);
        } catch (MongoException e) {
            LOG.warn("Could not create the indexes of {} ({}); retrying in {}s", Todo.COLLECTION, e.getMessage(),
                    RETRY_DELAY.toSeconds());
            scheduler.schedule(RETRY_DELAY, this::createUntilDone);
        }
    }

    MongoCollection<Document> collection() {
        return client.getDatabase(databaseNames.provide(Todo.class)).getCollection(Todo.COLLECTION);
    }

    private static IndexModel index(String name, org.bson.conversions.Bson keys) {
        return new IndexModel(keys, new IndexOptions().name(name));
    }
}
