package dev.todolist.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What every error answer of the API is, checked in one place for every test that provokes one:
 * the expected status, {@code application/problem+json}, a {@code type} of
 * {@code https://todolist.dev/problems/<slug>} and the same {@code status} in the body, and nothing
 * of the server's insides (no stack trace, no exception name). Spelled here rather than read from
 * the API's own types, so that a changed contract fails a test.
 */
public final class ProblemAnswers {

    private static final String TYPE_BASE = "https://todolist.dev/problems/";
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private ProblemAnswers() {
    }

    /** Asserts that RESPONSE is the problem SLUG with STATUS, and returns its fields. */
    public static Map<String, Object> assertProblem(HttpResponse<String> response, int status, String slug) {
        return assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), status, slug);
    }

    /** The same, for an answer read off a raw socket. */
    public static Map<String, Object> assertProblem(RawHttp.Response response, int status, String slug) {
        return assertProblem(response.status(), String.valueOf(response.header("content-type")), response.body(), status, slug);
    }

    private static Map<String, Object> assertProblem(int actualStatus, String contentType, String body, int status, String slug) {
        assertEquals(status, actualStatus, body);
        assertEquals("application/problem+json", contentType.replaceAll(";.*", "").trim(), "Content-Type of " + body);
        Map<String, Object> problem = fields(body);
        assertEquals(TYPE_BASE + slug, problem.get("type"), body);
        assertEquals(status, ((Number) problem.get("status")).intValue(), body);
        assertFalse(body.contains("\tat "), "no stack trace: " + body);
        assertFalse(body.contains("Exception"), "no exception names: " + body);
        return problem;
    }

    private static Map<String, Object> fields(String body) {
        try {
            return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + body, e);
        }
    }
}
