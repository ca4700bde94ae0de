package dev.todolist.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Asserts that RESPONSE is a problem of any of the API's types, with the status it was answered
     * with, and returns its fields; CONTEXT (which input provoked it) starts every failure message.
     */
    public static Map<String, Object> assertAnyProblem(RawHttp.Response response, String context) {
        return problem(response.status(), String.valueOf(response.header("content-type")), response.body(), context + ": ");
    }

    private static Map<String, Object> assertProblem(int actualStatus, String contentType, String body, int status, String slug) {
        assertEquals(status, actualStatus, body);
        Map<String, Object> problem = problem(actualStatus, contentType, body, "");
        assertEquals(TYPE_BASE + slug, problem.get("type"), body);
        return problem;
    }

    private static Map<String, Object> problem(int status, String contentType, String body, String context) {
        assertEquals("application/problem+json", contentType.replaceAll(";.*", "").trim(), context + "Content-Type of " + body);
        Map<String, Object> problem = fields(body);
        assertTrue(String.valueOf(problem.get("type")).startsWith(TYPE_BASE), context + body);
        assertEquals(status, ((Number) problem.get("status")).intValue(), context + body);
        assertFalse(body.contains("\tat "), context + "no stack trace: " + body);
        assertFalse(body.contains("Exception"), context + "no exception names: " + body);
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
