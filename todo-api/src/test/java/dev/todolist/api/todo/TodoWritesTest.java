package dev.todolist.api.todo;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writes beyond Todo-Backend, over real HTTP: PUT replaces the whole todo, PATCH is a JSON merge
 * patch (RFC 7396: present members set, {@code null} resets, absent ones stay), every write moves
 * the ETag, and a read that names the current ETag answers 304.
 */
@ApiTest
class TodoWritesTest {

    private static final String ROOT = "/api/v1/todos";
    /** The server as one signed-in user. */
    @Api(user = "writes@example.org")
    private static RunningApi api;

    private static HttpResponse<String> createFull() {
        HttpResponse<String> response = api.post(ROOT, "{\"title\":\"  Plan the trip  \",\"order\":7,\"dueDate\":\"2030-05-01\","
                + "\"priority\":\"high\",\"tags\":[\"travel\",\"family\"],\"notes\":\"book early\"}");
        assertEquals(201, response.statusCode(), response.body());
        return response;
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void createKeepsEveryFieldAndTrimsTheTitle() {
        Map<String, Object> todo = api.object(createFull());
        assertEquals("Plan the trip", todo.get("title"));
        assertEquals(7, ((Number) todo.get("order")).intValue());
        assertEquals("2030-05-01", todo.get("dueDate"));
        assertEquals("high", todo.get("priority"));
        assertEquals(List.of("travel", "family"), todo.get("tags"));
        assertEquals("book early", todo.get("notes"));
        assertEquals(false, todo.get("completed"));
        assertNull(todo.get("completedAt"));
        assertEquals(todo.get("createdAt"), todo.get("updatedAt"));
    }

    @Test
    void mergePatchSetsPresentMembersResetsNullOnesAndKeepsAbsentOnes() {
        HttpResponse<String> created = createFull();
        String url = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> patched = api.patch(url, "{\"completed\":true,\"notes\":null,\"priority\":null,\"tags\":[\"solo\"]}",
                "Content-Type", "application/merge-patch+json", "If-Match", etag(created));
        assertEquals(200, patched.statusCode(), patched.body());
        Map<String, Object> todo = api.object(patched);
        assertEquals(true, todo.get("completed"));
        assertNotNull(todo.get("completedAt"));
        assertNull(todo.get("notes"));
        assertEquals("normal", todo.get("priority"), "null resets to the default");
        assertEquals(List.of("solo"), todo.get("tags"));
        assertEquals("Plan the trip", todo.get("title"), "absent members stay");
        assertEquals("2030-05-01", todo.get("dueDate"));
        assertNotEquals(etag(created), etag(patched));
        assertEquals(api.object(api.get(url)), todo, "what PATCH answers is what is stored");
    }

    @Test
    void putReplacesTheWholeTodoButKeepsItsIdentityAndCreationTime() {
        HttpResponse<String> created = createFull();
        Map<String, Object> before = api.object(created);
        String url = (String) before.get("url");
        HttpResponse<String> replaced = api.put(url, "{\"title\":\"Trip cancelled\",\"completed\":true}", "If-Match", etag(created));
        assertEquals(200, replaced.statusCode(), replaced.body());
        Map<String, Object> todo = api.object(replaced);
        assertEquals("Trip cancelled", todo.get("title"));
        assertEquals(true, todo.get("completed"));
        assertNull(todo.get("dueDate"), "omitted fields are reset");
        assertNull(todo.get("notes"));
        assertEquals(List.of(), todo.get("tags"));
        assertEquals("normal", todo.get("priority"));
        assertEquals(before.get("order"), todo.get("order"), "order stays unless given");
        assertEquals(before.get("id"), todo.get("id"));
        assertEquals(before.get("createdAt"), todo.get("createdAt"));
        assertEquals(api.object(api.get(url)), todo);
    }

    @Test
    void putWithAnyVersionIsRefusedBecauseItWouldOverwriteBlindly() {
        String url = createFull().headers().firstValue("Location").orElseThrow();
        api.patch(url, "{\"title\":\"changed meanwhile\"}");
        HttpResponse<String> replaced = api.put(url, "{\"title\":\"mine\"}", "If-Match", "*");
        assertEquals(428, replaced.statusCode(), replaced.body());
        assertTrue(replaced.body().contains("precondition-required"), replaced.body());
        assertEquals("changed meanwhile", api.object(api.get(url)).get("title"));
    }

    @Test
    void readNamingTheCurrentEtagIsA304AndAStaleOneGetsTheTodo() {
        HttpResponse<String> created = createFull();
        String url = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> unchanged = api.get(url, "If-None-Match", etag(created));
        assertEquals(304, unchanged.statusCode());
        assertEquals(etag(created), etag(unchanged));

        api.patch(url, "{\"title\":\"moved on\"}");
        HttpResponse<String> changed = api.get(url, "If-None-Match", etag(created));
        assertEquals(200, changed.statusCode());
        assertEquals("moved on", api.object(changed).get("title"));
    }

    @Test
    void completeMarksTheTodoDoneAndIsIdempotent() {
        HttpResponse<String> created = createFull();
        String url = created.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> first = api.post(url + "/complete", null);
        assertEquals(200, first.statusCode(), first.body());
        Object completedAt = api.object(first).get("completedAt");
        assertNotNull(completedAt);
        HttpResponse<String> again = api.post(url + "/complete", null);
        assertEquals(200, again.statusCode());
        assertEquals(completedAt, api.object(again).get("completedAt"), "completing again keeps the first time");
        assertTrue(api.object(again).get("completed") instanceof Boolean b && b);
    }

    @Test
    void deleteWithTheCurrentEtagRemovesTheTodo() {
        HttpResponse<String> created = createFull();
        String url = created.headers().firstValue("Location").orElseThrow();
        assertEquals(204, api.delete(url, "If-Match", etag(created)).statusCode());
        assertEquals(404, api.get(url).statusCode());
    }
}
