package dev.todolist.api.account;

import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Password hashing is bounded: at most max-concurrent hashes run and max-waiting wait; a sign-in
 * beyond that is a 503 with Retry-After at once, instead of holding a request thread while it
 * queues (30 queued sign-ins used to starve every other request of threads).
 */
class PasswordHashingPoolTest {

    private static final int BURST = 12;

    private static RunningApi server;

    @BeforeAll
    static void start() {
        // A hash costly enough that a burst overlaps; one runs, none waits.
        server = RunningApi.start("hashingpool", Map.of(
                "todolist.password-hash.memory-kib", 32768,
                "todolist.password-hash.iterations", 3,
                "todolist.password-hash.max-concurrent", 1,
                "todolist.password-hash.max-waiting", 0));
        server.signUpAndSignIn("burst@example.org");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aBurstBeyondThePoolIsAnsweredWith503AndRetryAfter() throws Exception {
        String credentials = server.toJson(Map.of("email", "burst@example.org", "password", RunningApi.PASSWORD));
        ExecutorService clients = Executors.newFixedThreadPool(BURST);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                inFlight.add(clients.submit(() -> server.post("/api/v1/sessions", credentials)));
            }
            for (Future<HttpResponse<String>> answer : inFlight) {
                answers.add(answer.get());
            }
        } finally {
            clients.shutdownNow();
        }
        List<HttpResponse<String>> busy = answers.stream().filter(answer -> answer.statusCode() == 503).toList();
        assertTrue(answers.stream().allMatch(answer -> answer.statusCode() == 201 || answer.statusCode() == 503),
                answers.stream().map(HttpResponse::statusCode).toList().toString());
        assertTrue(answers.stream().anyMatch(answer -> answer.statusCode() == 201), "the pool still serves");
        assertTrue(!busy.isEmpty(), "a burst of " + BURST + " over a pool of one must be refused in part");
        for (HttpResponse<String> refused : busy) {
            assertEquals("https://todolist.dev/problems/service-unavailable", server.object(refused).get("type"));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), refused.headers().toString());
        }
    }
}
