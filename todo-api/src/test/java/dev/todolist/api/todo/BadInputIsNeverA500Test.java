package dev.todolist.api.todo;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A catalogue of hostile or broken requests: none may answer 5xx, every refusal is
 * {@code application/problem+json} without a stack trace, and a refused write changes nothing.
 */
@ApiTest
class BadInputIsNeverA500Test {

    private static final String ROOT = "/api/v1/todos";
    /** The server as one signed-in user. */
    @Api(user = "badinput@example.org")
    private static RunningApi api;
    private static String url;

    @BeforeAll
    static void start() {
        url = api.post(ROOT, "{\"title\":\"the target\"}").headers().firstValue("Location").orElseThrow();
    }

    private static final List<String> BODIES = List.of(
            "null", "\"a string\"", "123", "[]", "[{\"title\":\"in an array\"}]", "{}", "",
            "{\"title\":\"t\",\"order\":1e400}",
            "{\"title\":\"t\",\"order\":123456789012345678901234567890}",
            "{\"title\":\"t\",\"order\":1.5}",
            "{\"title\":\"t\",\"tags\":[null]}",
            "{\"title\":\"t\",\"tags\":[1,2]}",
            "{\"title\":\"t\",\"tags\":[\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\",\"a\","
                    + "\"a\",\"a\",\"a\",\"a\",\"a\",\"a\"]}",
            "{\"title\":\"t\",\"dueDate\":\"2030-13-01\"}",
            "{\"title\":\"t\",\"dueDate\":20300101}",
            "{\"title\":\"t\",\"priority\":5}",
            "{\"title\":\"t\",\"completed\":null}",
            "{\"title\":\"t\",\"notes\":{\"$gt\":\"\"}}",
            "{\"$where\":\"sleep(1000)\",\"title\":\"t\"}",
            "{\"title\":{\"$regex\":\".*\"}}",
            "{\"title\":\"" + "x".repeat(501) + "\"}",
            "{\"title\":\"\\u0000\"}",
            "{\"title\":\"t\"",
            "{\"title\":\"t\"}}",
            "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));

    @Test
    void noBodyAnswersA5xxOnAnyWrite() {
        List<String> failures = new ArrayList<>();
        for (String body : BODIES) {
            check(failures, "POST", ROOT, body);
            refusedWriteChangesNothing(failures, check(failures, "PATCH", url, body));
            refusedWriteChangesNothing(failures, check(failures, "PUT", url, body, "If-Match", "*"));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** After a refused write the todo still has the version it had before. */
    private static void refusedWriteChangesNothing(List<String> failures, Refusal refusal) {
        if (refusal.status() >= 400 && !refusal.etagBefore().equals(currentEtag())) {
            failures.add(refusal.call() + " was refused with " + refusal.status() + " but changed the todo");
        }
    }

    private static String currentEtag() {
        return api.get(url).headers().firstValue("ETag").orElse("");
    }

    private record Refusal(String call, int status, String etagBefore) {
    }

    @Test
    void noQueryOrPathAnswersA5xx() {
        List<String> failures = new ArrayList<>();
        for (String query : List.of("?sort=", "?tag=", "?q=" + "q".repeat(300), "?dueBefore=2030-02-30", "?completed=",
                "?page=", "?size=-5", "?page=2147483647&size=500", "?tag=%24gt", "?q=%5C", "?q=(((", "?sort=%24natural")) {
            check(failures, "GET", ROOT + query, null);
        }
        for (String path : List.of("/%00", "/..%2F..%2Fetc%2Fpasswd", "/" + "a".repeat(3000), "/%7B%22%24gt%22%3A%22%22%7D",
                "/000000000000000000000000/complete")) {
            check(failures, "GET", ROOT + path, null);
            check(failures, "DELETE", ROOT + path, null);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void oddPreconditionHeadersAnswerNo5xx() {
        List<String> failures = new ArrayList<>();
        for (String ifMatch : List.of("\"abc", "W/", "\"\"", "\"99999999999999999999999\"", "*, \"1\"", "x".repeat(4000))) {
            check(failures, "PATCH", url, "{\"completed\":false}", "If-Match", ifMatch);
            check(failures, "GET", url, null, "If-None-Match", ifMatch);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static Refusal check(List<String> failures, String method, String path, String body, String... headers) {
        String etagBefore = currentEtag();
        HttpResponse<String> response = api.send(method, path, body, headers);
        String call = method + " " + abbreviated(path) + (body == null ? "" : " " + abbreviated(body));
        Refusal refusal = new Refusal(call, response.statusCode(), etagBefore);
        if (response.statusCode() >= 500) {
            failures.add(call + " -> " + response.statusCode() + " " + abbreviated(response.body()));
            return refusal;
        }
        if (response.statusCode() >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                failures.add(call + " -> " + response.statusCode() + " as " + type);
            }
            assertFalse(response.body().contains("\tat "), call + " leaks a stack trace");
        }
        return refusal;
    }

    private static String abbreviated(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
