package dev.todolist.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The management listener serves the probes and /metrics only: not the OpenAPI document, the Swagger UI or the API. */
class ManagementListenerTest {

    private static RunningApi server;
    private static URL management;

    @BeforeAll
    static void start() {
        server = RunningApi.start("managementlistener", Map.of());
        management = Http.management(server.context());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/openapi/todolist.yml", "/swagger-ui/index.html", "/swagger-ui/", "/api/v1/todos", "/health",
            "/management/env", "/"})
    void everythingElseIs404OnTheManagementListener(String path) {
        HttpResponse<String> response = Http.get(management, path);
        assertEquals(404, response.statusCode(), path + " -> " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/metrics", "/management/health/liveness", "/management/health/readiness"})
    void theProbesAndMetricsAreServedThere(String path) {
        assertEquals(200, Http.get(management, path).statusCode(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/openapi/todolist.yml", "/swagger-ui/index.html"})
    void theDocumentationStaysOnTheMainPort(String path) {
        assertEquals(200, server.get(path).statusCode(), path);
    }
}
