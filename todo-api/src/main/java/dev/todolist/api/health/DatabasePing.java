package dev.todolist.api.health;

import com.mongodb.client.MongoClient;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers "does the database answer?" within a bounded time, whatever the driver's own timeouts.
 *
 * <p>The sync driver blocks up to its server-selection timeout when the database is gone, so the
 * {@code ping} runs on a thread of its own and callers wait at most
 * {@link HealthSettings#databaseTimeout()}. At most one ping is in flight: concurrent health
 * checks (a load balancer, a probe and a monitor at once) share it instead of piling up threads.
 */
@Singleton
@Requires(property = "mongodb.uri")
public class DatabasePing {

    private static final Logger LOG = LoggerFactory.getLogger(DatabasePing.class);
    private static final Document PING = new Document("ping", 1);

    private final MongoClient client;
    private final HealthSettings settings;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "todolist-db-ping");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Boolean> inFlight;

    public DatabasePing(MongoClient client, HealthSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** True when the database answered {@code ping} within the configured timeout. */
    public boolean isConnected() {
        try {
            return currentPing().get(settings.databaseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("database did not answer ping within {}", settings.databaseTimeout());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private synchronized CompletableFuture<Boolean> currentPing() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.supplyAsync(this::ping, executor);
        }
        return inFlight;
    }

    private boolean ping() {
        try {
            client.getDatabase("admin").runCommand(PING);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("database ping failed: {}", e.getMessage());
            return false;
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
