package dev.todolist.api.health;

import dev.todolist.testing.Http;
import dev.todolist.testing.TestPorts;
import dev.todolist.embedded.EmbeddedMongoServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database of the test's own, stopped while the service runs. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthWhenDatabaseDownTest implements TestPropertyProvider {

    private final EmbeddedMongoServer database = EmbeddedMongoServer.inMemory();

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "todolist.management.port", Integer.toString(TestPorts.free()),
                // A short server selection keeps the blocked background work (todo counts) from delaying shutdown.
                "mongodb.uri", database.connectionString() + "/healthdown?serverSelectionTimeoutMS=1500",
                "todolist.health.database-timeout", "1s");
    }

    @Test
    void healthTurnsTo503WhenTheDatabaseGoesAwayWhileLivenessStaysUp() {
        assertEquals(200, Http.get(server.getURL(), "/health").statusCode());

        database.close();

        HttpResponse<String> health = Http.get(server.getURL(), "/health");
        assertEquals(503, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"ERROR\""), health.body());
        assertTrue(health.body().contains("\"database\":\"disconnected\""), health.body());
        assertTrue(health.body().contains("\"pid\":"), health.body());
        assertEquals(503, Http.get(Http.management(context), "/management/health/readiness").statusCode());
        assertEquals(200, Http.get(Http.management(context), "/management/health/liveness").statusCode());
    }

    @AfterAll
    void closeDatabase() {
        database.close();
    }
}
