package dev.todolist.api.todo;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Two writers over real HTTP, released at the same instant on the same todo: with If-Match exactly
 * one wins and the other gets 412, and what is stored is the winner's write; without If-Match a
 * merge patch is re-applied to the newest version, so both writers' changes survive. Each race is
 * run several times so that the writers really overlap on the server.
 */
@ApiTest
class ConcurrentWritersTest {

    private static final String ROOT = "/api/v1/todos";
    private static final int ROUNDS = 8;
    @Api
    private static RunningApi server;
    /** The server as one signed-in user. */
    @Api(user = "concurrency@example.org")
    private static RunningApi api;
    private static ExecutorService writers;

    @BeforeAll
    static void start() {
        writers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        writers.shutdown();
        writers.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** Runs both writes at once (a barrier releases them together) and returns their answers in order. */
    private static List<HttpResponse<String>> race(Function<Integer, HttpResponse<String>> write) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int writer = 0; writer < 2; writer++) {
            int id = writer;
            answers.add(writers.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return write.apply(id);
            }));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get(30, TimeUnit.SECONDS));
        }
        return responses;
    }

    /** A todo as just created: where it is and the version both writers of a race will name. */
    private record Created(String url, String etag) {
    }

    private static Created created(String json) {
        HttpResponse<String> response = api.post(ROOT, json);
        assertEquals(201, response.statusCode(), response.body());
        return new Created(response.headers().firstValue("Location").orElseThrow(),
                response.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void twoPatchesWithTheSameEtagNeverBothSucceed() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Created todo = created("{\"title\":\"original\"}");

            List<HttpResponse<String>> answers = race(writer ->
                    api.patch(todo.url(), "{\"title\":\"writer " + writer + "\"}", "If-Match", todo.etag()));

            List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
            assertEquals(List.of(200, 412), statuses, "round " + round);
            HttpResponse<String> winner = answers.get(0).statusCode() == 200 ? answers.get(0) : answers.get(1);
            HttpResponse<String> loser = winner == answers.get(0) ? answers.get(1) : answers.get(0);
            HttpResponse<String> stored = api.get(todo.url());
            assertEquals(api.object(winner).get("title"), api.object(stored).get("title"));
            assertEquals(winner.headers().firstValue("ETag"), stored.headers().firstValue("ETag"));
            assertEquals(stored.headers().firstValue("ETag"), loser.headers().firstValue("ETag"),
                    "the 412 names the version that won");
        }
    }

    @Test
    void twoReplacesWithTheSameEtagNeverBothSucceed() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Created todo = created("{\"title\":\"original\",\"notes\":\"keep\"}");

            List<HttpResponse<String>> answers = race(writer ->
                    api.put(todo.url(), "{\"title\":\"replaced by " + writer + "\",\"notes\":\"" + writer + "\"}", "If-Match", todo.etag()));

            assertEquals(List.of(200, 412), answers.stream().map(HttpResponse::statusCode).sorted().toList(), "round " + round);
            Map<String, Object> stored = api.object(api.get(todo.url()));
            HttpResponse<String> winner = answers.get(0).statusCode() == 200 ? answers.get(0) : answers.get(1);
            assertEquals(api.object(winner).get("title"), stored.get("title"));
            assertEquals(api.object(winner).get("notes"), stored.get("notes"), "no mix of the two writes");
        }
    }

    @Test
    void aDeleteRacingAPatchOnTheSameEtagLeavesOneOutcome() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Created todo = created("{\"title\":\"contested\"}");

            List<HttpResponse<String>> answers = race(writer -> writer == 0
                    ? api.delete(todo.url(), "If-Match", todo.etag())
                    : api.patch(todo.url(), "{\"completed\":true}", "If-Match", todo.etag()));

            int deleted = answers.get(0).statusCode();
            int patched = answers.get(1).statusCode();
            int stored = api.get(todo.url()).statusCode();
            if (deleted == 204) {
                assertNotEquals(200, patched, "a patch must not succeed on a version that was deleted");
                assertEquals(404, stored);
            } else {
                assertEquals(412, deleted, "round " + round);
                assertEquals(200, patched);
                assertEquals(200, stored);
            }
        }
    }

    @Test
    void unconditionalPatchesOfDifferentFieldsBothSurvive() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String url = created("{\"title\":\"shared\"}").url();

            List<HttpResponse<String>> answers = race(writer -> writer == 0
                    ? api.patch(url, "{\"notes\":\"from writer 0\"}")
                    : api.patch(url, "{\"tags\":[\"writer-1\"]}"));

            assertEquals(List.of(200, 200), answers.stream().map(HttpResponse::statusCode).toList(), "round " + round);
            Map<String, Object> stored = api.object(api.get(url));
            assertEquals("from writer 0", stored.get("notes"), "round " + round);
            assertEquals(List.of("writer-1"), stored.get("tags"), "round " + round);
        }
    }
}
