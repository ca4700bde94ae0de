package dev.todolist.api;

import dev.todolist.api.health.ShutdownDrain;
import dev.todolist.persistence.DatabaseSelection;
import dev.todolist.persistence.EmbeddedStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.HashMap;
import java.util.Map;

/**
 * A started service: the Micronaut context with its HTTP server and, on the embedded default, the
 * in-process database it talks to.
 *
 * <p>The embedded database is owned here rather than by the context so that it closes strictly
 * after the context: in-flight requests finish (graceful shutdown), the MongoDB client closes,
 * and only then does the store flush and close its file.
 */
public final class RunningApplication implements AutoCloseable {

    /** The database name used on the embedded default (and the plan's MONGO_INITDB_DATABASE). */
    public static final String DEFAULT_DATABASE = "todolist";

    private static final Logger LOG = LoggerFactory.getLogger(RunningApplication.class);

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final EmbeddedStore embeddedDatabase;
    private boolean closed;

    private RunningApplication(ApplicationContext context, EmbeddedServer server, EmbeddedStore embeddedDatabase) {
        this.context = context;
        this.server = server;
        this.embeddedDatabase = embeddedDatabase;
    }

    /**
     * Starts the service as {@code settings} say.
     *
     * @param extraProperties properties that win over every configuration file (tests pass a
     *                        random port here)
     * @throws IllegalStateException when the settings refuse a database or the session secrets
     * @throws StartRefusedException  when the resolved configuration must not serve (see its users)
     */
    public static RunningApplication start(StartupSettings settings, Map<String, Object> extraProperties, String... args) {
        if (settings.settingsRefusal() != null) {
            throw new IllegalStateException(settings.settingsRefusal());
        }
        EmbeddedStore embeddedDatabase = null;
        String mongoUri;
        DatabaseSelection database = settings.database();
        if (database instanceof DatabaseSelection.External external) {
            mongoUri = external.uri();
        } else if (database instanceof DatabaseSelection.Embedded embedded) {
            embeddedDatabase = EmbeddedStore.start(embedded.dataDirectory(), embedded.cacheMegabytes());
            mongoUri = embeddedDatabase.connectionString() + "/" + DEFAULT_DATABASE;
            LOG.warn("No MONGODB_URI given: using the embedded evaluation database in {}."
                    + " It keeps data across restarts but is for evaluation only: a hard kill can lose the"
                    + " last second of writes, and lists or counts filtered by more than the owner scan the todos."
                    + " Set MONGODB_URI to use a real MongoDB.", embeddedDatabase.storeFile());
        } else {
            throw new IllegalStateException(((DatabaseSelection.Refused) database).reason());
        }

        Map<String, Object> properties = new HashMap<>();
        properties.put("mongodb.uri", mongoUri);
        properties.put("todolist.environment", settings.environment());
        if (settings.managementOnMainPort()) {
            properties.put("todolist.management.port", "${micronaut.server.port}");
        }
        properties.putAll(extraProperties);
        ApplicationContext context = null;
        try {
            context = Micronaut.build(args)
                    .mainClass(TodoApplication.class)
                    .environments(settings.environment())
                    .properties(properties)
                    .banner(false)
                    .build()
                    .start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            LOG.info("todolist listening on {} (environment {})", server.getURL(), settings.environment());
            return new RunningApplication(context, server, embeddedDatabase);
        } catch (RuntimeException e) {
            if (context != null && context.isRunning()) {
                context.close();
            }
            if (embeddedDatabase != null) {
                embeddedDatabase.close();
            }
            throw refusal(e).map(RuntimeException.class::cast).orElse(e);
        }
    }

    /** The refusal behind a failed start (Micronaut wraps what a bean's constructor throws), if that is what it was. */
    private static java.util.Optional<StartRefusedException> refusal(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof StartRefusedException refused) {
                return java.util.Optional.of(refused);
            }
        }
        return java.util.Optional.empty();
    }

    public URL url() {
        return server.getURL();
    }

    public ApplicationContext context() {
        return context;
    }

    /**
     * Turns readiness false and waits the drain delay ({@link ShutdownDrain}) while still serving,
     * then stops accepting connections, lets in-flight requests finish (up to the configured grace
     * period), closes the context and then the embedded database. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("todolist shutting down");
        if (context.isRunning()) {
            context.findBean(ShutdownDrain.class).ifPresent(ShutdownDrain::drain);
            context.close();
        }
        if (embeddedDatabase != null) {
            embeddedDatabase.close();
        }
    }
}
