package dev.todolist.api.web;

import dev.todolist.testing.RawHttp;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.todolist.testing.ProblemAnswers.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A body without Content-Type is a 415 (such a POST is a CORS "simple" request any page could make
 * a browser send); an empty query parameter, or one holding a NUL, is a 400 naming it, never taken
 * as absent and never a 500.
 */
class RequestShapeTest {

    private static RunningApi server;
    private static String token;

    @BeforeAll
    static void start() {
        server = RunningApi.start("requestshape");
        token = server.signUpAndSignIn("shape@example.org");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signUpSignInAndCreateWithoutContentTypeAre415() {
        String credentials = "{\"email\":\"simple@example.org\",\"password\":\"" + RunningApi.PASSWORD + "\"}";
        assertProblem(raw("POST", "/api/v1/users", Map.of(), credentials), 415, "unsupported-media-type");
        assertProblem(raw("POST", "/api/v1/sessions", Map.of(), credentials), 415, "unsupported-media-type");
        assertProblem(raw("POST", "/api/v1/todos", Map.of("Authorization", "Bearer " + token), "{\"title\":\"csrf\"}"),
                415, "unsupported-media-type");
        assertEquals("0", server.bearer(token).get("/api/v1/todos").headers().firstValue("X-Total-Count").orElseThrow());
        assertEquals(401, server.post("/api/v1/sessions", credentials).statusCode(), "the sign-up did not happen");
    }

    @Test
    void aBodilessPostStillNeedsNoContentType() {
        RunningApi user = server.bearer(token);
        String id = (String) user.object(user.post("/api/v1/todos", "{\"title\":\"t\"}")).get("id");
        RawHttp.Response completed = raw("POST", "/api/v1/todos/" + id + "/complete", Map.of("Authorization", "Bearer " + token), null);
        assertEquals(200, completed.status(), completed.body());
        user.delete("/api/v1/todos");
    }

    @ParameterizedTest
    @ValueSource(strings = {"page", "size", "dueBefore", "q", "tag", "completed", "sort"})
    void anEmptyQueryParameterIsA400NamingIt(String name) {
        RawHttp.Response response = raw("GET", "/api/v1/todos?" + name + "=", Map.of("Authorization", "Bearer " + token), null);
        assertProblem(response, 400, "validation");
        assertTrue(response.body().contains("\"field\":\"" + name + "\""), response.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%00", "q=a%00b", "tag=%00", "sort=order%00", "dueBefore=2030-01-01%00", "x%00=1"})
    void aNulInAQueryParameterIsA400(String query) {
        assertProblem(raw("GET", "/api/v1/todos?" + query, Map.of("Authorization", "Bearer " + token), null), 400, "validation");
    }

    private static RawHttp.Response raw(String method, String path, Map<String, String> headers, String body) {
        return RawHttp.exchange(server.uri("/").getPort(), method, path, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }
}
