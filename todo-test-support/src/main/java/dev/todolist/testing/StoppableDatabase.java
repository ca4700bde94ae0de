package dev.todolist.testing;

import dev.todolist.embedded.EmbeddedMongoServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * A database of a test class's own, on an in-memory server the test stops while the API runs (an
 * outage); registered with {@code @RegisterExtension}, it is stopped after the class in any case.
 */
public final class StoppableDatabase implements AfterAllCallback {

    private final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    private final String name;

    public StoppableDatabase(String name) {
        this.name = name;
    }

    /** The properties that point an {@link ApiTest}'s API at this database (for its {@link ApiTest.Properties}). */
    public Map<String, Object> apiProperties() {
        return Map.of("mongodb.uri", server.connectionString() + "/" + name);
    }

    /** The outage: the server stops and its data is gone. */
    public void stop() {
        server.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }
}
