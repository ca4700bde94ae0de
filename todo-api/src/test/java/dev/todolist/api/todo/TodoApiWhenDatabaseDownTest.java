package dev.todolist.api.todo;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import dev.todolist.testing.StoppableDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With its database gone, every todo call answers 503 problem+json with {@code Retry-After} after
 * the configured server-selection timeout (configured short here, as an operator may), never hangs
 * and never answers 500. The database is a server of the test's own, stopped while the API runs.
 */
@ApiTest(properties = "todolist.mongodb.server-selection-timeout=300ms")
class TodoApiWhenDatabaseDownTest {

    @RegisterExtension
    static final StoppableDatabase database = new StoppableDatabase("dbdown");

    private static final String ROOT = "/api/v1/todos";
    /** Far above the server-selection timeout, far below the test client's 20 s. */
    private static final Duration NEVER_A_HANG = Duration.ofSeconds(12);

    @Api
    private static RunningApi server;
    /** The server as one signed-in user. */
    @Api(user = "dbdown@example.org")
    private static RunningApi api;
    private static String url;

    @ApiTest.Properties
    static Map<String, Object> aDatabaseOfItsOwn() {
        return database.apiProperties();
    }

    @BeforeAll
    static void writeThenStopTheDatabase() {
        HttpResponse<String> created = api.post(ROOT, "{\"title\":\"written before the outage\"}");
        assertEquals(201, created.statusCode(), created.body());
        url = created.headers().firstValue("Location").orElseThrow();
        database.stop();
    }

    private static void assertUnavailable(String call, HttpResponse<String> response, long elapsedMillis) {
        assertEquals(503, response.statusCode(), call + " -> " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                call + " " + response.headers());
        assertTrue(response.body().contains("\"type\":\"https://todolist.dev/problems/database-unavailable\""),
                call + " -> " + response.body());
        int retryAfter = Integer.parseInt(response.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue(retryAfter >= 1 && retryAfter <= 30, call + " Retry-After " + retryAfter);
        assertFalse(response.body().contains("Exception"), response.body());
        assertTrue(elapsedMillis < NEVER_A_HANG.toMillis(), call + " took " + elapsedMillis + " ms");
    }

    @Test
    void everyTodoCallAnswers503WithRetryAfterWithinSeconds() {
        List<String[]> calls = List.of(
                new String[]{"GET", ROOT, null},
                new String[]{"POST", ROOT, "{\"title\":\"during the outage\"}"},
                new String[]{"GET", url, null},
                new String[]{"PATCH", url, "{\"completed\":true}"},
                new String[]{"DELETE", url, null},
                new String[]{"DELETE", ROOT, null});
        for (String[] call : calls) {
            long started = System.nanoTime();
            HttpResponse<String> response = api.send(call[0], call[1], call[2]);
            assertUnavailable(call[0] + " " + call[1], response, (System.nanoTime() - started) / 1_000_000);
        }
    }

    @Test
    void aCallWithoutCredentialsIsStillA401WhileTheDatabaseIsDown() {
        // Authentication comes first and needs the database for a session, so bad input from a signed-in
        // caller is a 503 here too; a caller without credentials is refused without asking the database.
        HttpResponse<String> response = server.post(ROOT, "{\"title\":\"\"}");
        assertEquals(401, response.statusCode(), response.body());
    }
}
