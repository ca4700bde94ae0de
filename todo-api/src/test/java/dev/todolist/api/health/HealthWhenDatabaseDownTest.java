package dev.todolist.api.health;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.Http;
import dev.todolist.testing.RunningApi;
import dev.todolist.testing.StoppableDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final StoppableDatabase database = new StoppableDatabase("healthdown");

    @Api
    private static RunningApi api;

    @ApiTest.Properties
    static Map<String, Object> aDatabaseOfItsOwn() {
        return database.apiProperties();
    }

    @Test
    void healthTurnsTo503WhenTheDatabaseGoesAwayWhileLivenessStaysUp() {
        assertEquals(200, api.get("/health").statusCode());

        database.stop();

        HttpResponse<String> health = api.get("/health");
        assertEquals(503, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"ERROR\""), health.body());
        assertTrue(health.body().contains("\"database\":\"disconnected\""), health.body());
        assertTrue(health.body().contains("\"pid\":"), health.body());
        assertEquals(503, Http.get(Http.management(api.context()), "/management/health/readiness").statusCode());
        assertEquals(200, Http.get(Http.management(api.context()), "/management/health/liveness").statusCode());
    }

}
