package dev.todolist.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusHttpServerTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private final AtomicInteger healthCalls = new AtomicInteger();
    private StatusHttpServer server;

    @BeforeEach
    void start() throws IOException {
        Map<String, Supplier<StatusResponse>> endpoints = new LinkedHashMap<>();
        endpoints.put("/health", () -> {
            healthCalls.incrementAndGet();
            return StatusResponse.json(healthStatus.get(), "{\"status\":\"été\"}");
        });
        endpoints.put("/metrics", () -> new StatusResponse(200, "text/plain; charset=utf-8", "up 1\n"));
        endpoints.put("/broken", () -> {
            throw new IllegalStateException("state unavailable");
        });
        server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), "status-http-test", endpoints);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getAnswersTheEndpointsStatusTypeAndUtf8Body() throws Exception {
        HttpResponse<String> health = send("GET", "/health");

        assertEquals(200, health.statusCode());
        assertEquals(Optional.of("application/json"), health.headers().firstValue("Content-Type"));
        assertEquals("{\"status\":\"été\"}", health.body());
        HttpResponse<String> metrics = send("GET", "/metrics");
        assertEquals(Optional.of("text/plain; charset=utf-8"), metrics.headers().firstValue("Content-Type"));
        assertEquals("up 1\n", metrics.body());
    }

    @Test
    void theStatusCodeIsTakenAfreshOnEachRequest() throws Exception {
        assertEquals(200, send("GET", "/health").statusCode());

        healthStatus.set(503);

        HttpResponse<String> unhealthy = send("GET", "/health");
        assertEquals(503, unhealthy.statusCode());
        assertEquals("{\"status\":\"été\"}", unhealthy.body());
    }

    @Test
    void everyAnswerIsMarkedNoStore() throws Exception {
        healthStatus.set(503);

        assertEquals(Optional.of("no-store"), send("GET", "/health").headers().firstValue("Cache-Control"));
        assertEquals(Optional.of("no-store"), send("HEAD", "/metrics").headers().firstValue("Cache-Control"));
    }

    @Test
    void headAnswersTheHeadersWithoutABody() throws Exception {
        healthStatus.set(503);

        HttpResponse<String> head = send("HEAD", "/health");

        assertEquals(503, head.statusCode());
        assertEquals(Optional.of("application/json"), head.headers().firstValue("Content-Type"));
        assertEquals("", head.body());
    }

    @Test
    void otherMethodsAreRefusedWithTheAllowedOnesAndNeverReachTheEndpoint() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "OPTIONS"}) {
            HttpResponse<String> refused = send(method, "/health");

            assertEquals(405, refused.statusCode(), method);
            assertEquals(Optional.of("GET, HEAD"), refused.headers().firstValue("Allow"), method);
            assertEquals("", refused.body(), method);
        }
        assertEquals(0, healthCalls.get());
    }

    @Test
    void aPathBelowAnEndpointIsNotFound() throws Exception {
        assertEquals(404, send("GET", "/health/extra").statusCode());
        assertEquals(404, send("GET", "/health/").statusCode());
        assertEquals(404, send("GET", "/healthz").statusCode());
        assertEquals(404, send("GET", "/").statusCode());
        assertEquals(405, send("POST", "/health/extra").statusCode(), "the method is refused before the path");
        assertEquals(0, healthCalls.get());
    }

    @Test
    void anEndpointThatFailsAnswers500AndTheServerGoesOn() throws Exception {
        HttpResponse<String> failed = send("GET", "/broken");

        assertEquals(500, failed.statusCode());
        assertEquals("", failed.body());
        assertEquals(200, send("GET", "/metrics").statusCode());
    }

    @Test
    void anEndpointPathMustNameSomething() {
        for (String path : new String[] {"", "/", "health", "/health/"}) {
            IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class, () -> StatusHttpServer.start(
                    new InetSocketAddress("127.0.0.1", 0), "t", Map.of(path, () -> StatusResponse.json(200, "{}"))));
            assertTrue(rejected.getMessage().startsWith("an endpoint path starts with / and names something"), rejected.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), "t", Map.of()));
    }

    @Test
    void aStatusOutsideHttpsRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> StatusResponse.json(42, "{}"));
        assertThrows(IllegalArgumentException.class, () -> StatusResponse.json(600, "{}"));
    }

    @Test
    void endpointsRunOnOneNamedDaemonThreadSoTheServerNeverKeepsTheProcessAlive() throws Exception {
        AtomicReference<Thread> servedBy = new AtomicReference<>();
        try (StatusHttpServer own = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), "status-http-daemon",
                Map.of("/health", () -> {
                    servedBy.set(Thread.currentThread());
                    return StatusResponse.json(200, "{}");
                }))) {
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + own.port() + "/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        assertEquals("status-http-daemon", servedBy.get().getName());
        assertTrue(servedBy.get().isDaemon());
        servedBy.get().join(5_000);
        assertFalse(servedBy.get().isAlive(), "close() shuts the serving thread down");
    }

    @Test
    void closingFreesThePort() throws Exception {
        int port;
        try (StatusHttpServer own = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), "status-http-close",
                Map.of("/health", () -> StatusResponse.json(200, "{}")))) {
            port = own.port();
        }
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        assertThrows(IOException.class, () -> http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()));
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
