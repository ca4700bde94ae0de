package dev.todolist.api.metrics;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Gauges of how many todos exist ({@code todolist_todos}) and how many are completed
 * ({@code todolist_todos_completed}).
 *
 * <p>The counts are refreshed on a schedule ({@code todolist.metrics.todos.refresh}, 15 s) and a
 * scrape only reads the last figures: however often Prometheus (or anyone) scrapes, the database
 * sees two cheap queries per interval, and a slow or absent database never slows a scrape down.
 * Until the first refresh succeeds, and while the database is away, the gauges read NaN (no data)
 * rather than a misleading number. The completed count reads only the {@code completed} index
 * ({@link dev.todolist.todo.TodoIndexes#COMPLETED_INDEX}), never the documents.
 *
 * <p>It registers its gauges itself instead of being a {@code MeterBinder}: a binder is created with
 * the meter registry, and this needs the MongoDB client, whose listeners need the registry.
 */
@Context
@Requires(property = "mongodb.uri")
@Requires(bean = MeterRegistry.class)
public class TodoCountMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(TodoCountMetrics.class);
    private static final long QUERY_TIME_LIMIT_MS = 2_000;

    private final MongoCollection<Document> todos;
    private volatile double total = Double.NaN;
    private volatile double completed = Double.NaN;

    public TodoCountMetrics(MongoClient client, TodoCountSettings settings,
                            @Property(name = "mongodb.uri") String mongoUri, MeterRegistry registry) {
        String database = new ConnectionString(mongoUri).getDatabase();
        this.todos = client.getDatabase(database == null ? settings.database() : database)
                .getCollection(settings.collection());
        Gauge.builder("todolist.todos", this, metrics -> metrics.total)
                .description("Todos stored (estimated from collection metadata)")
                .register(registry);
        Gauge.builder("todolist.todos.completed", this, metrics -> metrics.completed)
                .description("Todos marked completed")
                .register(registry);
    }

    @Scheduled(initialDelay = "1s", fixedDelay = "${todolist.metrics.todos.refresh:15s}")
    void refresh() {
        try {
            total = todos.estimatedDocumentCount();
            completed = todos.countDocuments(Filters.eq("completed", true),
                    new CountOptions().maxTime(QUERY_TIME_LIMIT_MS, TimeUnit.MILLISECONDS));
        } catch (RuntimeException e) {
            LOG.warn("todo counts not refreshed: {}", e.getMessage());
            total = Double.NaN;
            completed = Double.NaN;
        }
    }
}
