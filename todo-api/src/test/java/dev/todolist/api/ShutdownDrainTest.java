package dev.todolist.api;

import dev.todolist.testing.Http;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stopping instance first reports not ready, on the management probe and on {@code /health},
 * while it still answers new connections for the drain delay; only then does its listener close.
 */
class ShutdownDrainTest {

    @Test
    void readinessTurnsFalseWhileTheListenerStillServesThenTheListenerCloses() throws Exception {
        RunningApplication application = StartedAsMain.start(StartedAsMain.onTheMongoFixture("drain"),
                Map.of("todolist.shutdown.drain-delay", "3s"));
        URL url = application.url();
        URL management = Http.management(application.context());
        assertEquals(200, Http.get(management, "/management/health/readiness").statusCode());
        assertEquals(200, Http.get(url, "/health").statusCode());

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(application::close);
        HttpResponse<String> readiness = Http.get(management, "/management/health/readiness");
        for (int i = 0; i < 100 && readiness.statusCode() == 200; i++) {
            Thread.sleep(10);
            readiness = Http.get(management, "/management/health/readiness");
        }
        assertEquals(503, readiness.statusCode(), readiness.body());
        assertTrue(!stopping.isDone(), "the instance is still draining");
        HttpResponse<String> health = onANewConnection(url, "/health");
        assertEquals(503, health.statusCode(), "answered, on a new connection, but not healthy: " + health.body());
        assertTrue(health.body().contains("\"status\":\"ERROR\""), health.body());

        stopping.get(30, TimeUnit.SECONDS);
        assertThrows(UncheckedIOException.class, () -> onANewConnection(url, "/health"),
                "a stopped instance accepts no connection");
    }

    /** A client of its own, so that no pooled keep-alive connection stands in for a new one. */
    private static HttpResponse<String> onANewConnection(URL base, String path) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
