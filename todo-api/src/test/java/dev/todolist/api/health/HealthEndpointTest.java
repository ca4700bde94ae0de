package dev.todolist.api.health;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.Http;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ApiTest(properties = "todolist.environment=staging")
class HealthEndpointTest {

    @Api
    private static RunningApi api;

    @Test
    void healthAnswersInThePlansShape() throws IOException {
        HttpResponse<String> response = api.get("/health");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertEquals("no-store", response.headers().firstValue("cache-control").orElse(""));
        Map<String, Object> body = api.object(response);
        assertEquals(java.util.Set.of("status", "timestamp", "uptime", "environment", "database", "memory", "pid"),
                body.keySet());
        assertEquals("OK", body.get("status"));
        assertEquals("connected", body.get("database"));
        assertEquals("staging", body.get("environment"));
        assertNotNull(Instant.parse((String) body.get("timestamp")));
        assertTrue(((Number) body.get("uptime")).longValue() >= 0);
        assertEquals(ProcessHandle.current().pid(), ((Number) body.get("pid")).longValue());
        @SuppressWarnings("unchecked")
        Map<String, Object> memory = (Map<String, Object>) body.get("memory");
        assertTrue(((Number) memory.get("heapUsed")).longValue() > 0, memory::toString);
        assertTrue(((Number) memory.get("heapTotal")).longValue() >= ((Number) memory.get("heapUsed")).longValue());
        assertTrue(((Number) memory.get("nonHeapUsed")).longValue() > 0, memory::toString);
        assertTrue(((Number) memory.get("rss")).longValue() > ((Number) memory.get("heapUsed")).longValue(),
                memory::toString);
    }

    @Test
    void livenessAndReadinessProbesAreUpOnTheManagementListener() {
        HttpResponse<String> liveness = Http.get(Http.management(api.context()), "/management/health/liveness");
        HttpResponse<String> readiness = Http.get(Http.management(api.context()), "/management/health/readiness");

        assertEquals(200, liveness.statusCode());
        assertTrue(liveness.body().contains("\"status\":\"UP\""), liveness.body());
        assertEquals(200, readiness.statusCode());
        assertTrue(readiness.body().contains("\"status\":\"UP\""), readiness.body());
    }

    @Test
    void otherManagementEndpointsAreNotExposed() {
        assertEquals(404, Http.get(Http.management(api.context()), "/management/beans").statusCode());
        assertEquals(404, Http.get(Http.management(api.context()), "/management/env").statusCode());
        assertEquals(404, Http.get(Http.management(api.context()), "/management/stop").statusCode());
    }

    @Test
    void probesAndMetricsAreNotOnTheMainListener() {
        for (String path : new String[] {"/management/health/liveness", "/management/health/readiness", "/metrics"}) {
            HttpResponse<String> response = api.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/problem+json"), path);
        }
    }

    @Test
    void theManagementListenerServesNoApiOrPlanHealth() {
        assertEquals(404, Http.get(Http.management(api.context()), "/api/v1/todos").statusCode());
        assertEquals(404, Http.get(Http.management(api.context()), "/health").statusCode());
    }
}
