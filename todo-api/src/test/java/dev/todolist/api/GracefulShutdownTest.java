package dev.todolist.api;

import dev.todolist.testing.Http;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the service (what the SIGTERM hook does) lets a request that is already running finish. */
class GracefulShutdownTest {

    static final CountDownLatch SLOW_REQUEST_STARTED = new CountDownLatch(1);
    static final long SLOW_REQUEST_MILLIS = 1500;

    @Test
    void inFlightRequestCompletesWhenTheServerStops() throws Exception {
        RunningApplication application = StartedAsMain.start(StartedAsMain.onTheMongoFixture("graceful"),
                Map.of("test.slow-endpoint.enabled", true));

        URL url = application.url();
        CompletableFuture<HttpResponse<String>> inFlight =
                CompletableFuture.supplyAsync(() -> Http.get(url, "/test/slow"));
        assertTrue(SLOW_REQUEST_STARTED.await(30, TimeUnit.SECONDS), "the slow request should reach the server");
        application.close();

        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("finished", response.body());
        assertThrows(UncheckedIOException.class, () -> Http.get(url, "/health"),
                "a stopped server accepts no new request");
    }

    @Controller("/test/slow")
    @Requires(property = "test.slow-endpoint.enabled", value = "true")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class SlowController {

        @Get(produces = "text/plain")
        @ExecuteOn(TaskExecutors.BLOCKING)
        String slow() throws InterruptedException {
            SLOW_REQUEST_STARTED.countDown();
            Thread.sleep(SLOW_REQUEST_MILLIS);
            return "finished";
        }
    }
}
