package dev.todolist.api;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.Http;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URL;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The management listener serves the probes and /metrics only: not the OpenAPI document, the Swagger UI or the API. */
@ApiTest
class ManagementListenerTest {

    @Api
    private static RunningApi server;
    private static URL management;

    @BeforeAll
    static void findTheManagementListener() {
        management = Http.management(server.context());
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
