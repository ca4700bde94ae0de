package dev.todolist.api.health;

import dev.todolist.embedded.EmbeddedMongoServer;
import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.Http;
import dev.todolist.testing.RunningApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database of the test's own, stopped while the service runs. A short server selection keeps
 * the blocked background work (todo counts) from delaying shutdown.
 */
@ApiTest(properties = {
        "todolist.health.database-timeout=1s",
        "todolist.mongodb.server-selection-timeout=300ms"})
class HealthWhenDatabaseDownTest {

    @Api
    private static RunningApi api;
    private static EmbeddedServer server;
    private static ApplicationContext context;
    private static EmbeddedMongoServer database;

    @ApiTest.Properties
    static Map<String, Object> aDatabaseOfItsOwn() {
        database = EmbeddedMongoServer.inMemory();
        return Map.of("mongodb.uri", database.connectionString() + "/healthdown");
    }

    @BeforeAll
    static void beansOfTheRunningApi() {
        server = api.context().getBean(EmbeddedServer.class);
        context = api.context();
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
    static void closeDatabase() {
        database.close();
    }
}
