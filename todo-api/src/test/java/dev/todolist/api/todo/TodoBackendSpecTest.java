package dev.todolist.api.todo;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Todo-Backend specification (todobackend.com, todo-backend-js-spec) over real HTTP: the
 * same steps its browser runner takes, in the same order, against {@code /api/v1/todos}.
 */
@ApiTest
class TodoBackendSpecTest {

    private static final String ROOT = "/api/v1/todos";
    /** The server as one signed-in user: the spec's semantics hold for an authenticated caller. */
    @Api(user = "todobackend@example.org")
    private static RunningApi api;

    @BeforeEach
    void clearTheList() {
        assertEquals(204, api.delete(ROOT).statusCode());
    }

    private Map<String, Object> create(String json) {
        HttpResponse<String> response = api.post(ROOT, json);
        assertEquals(201, response.statusCode(), response.body());
        return api.object(response);
    }

    @Test
    void rootAnswersAGetWithCorsHeadersForBrowsers() {
        HttpResponse<String> response = api.get(ROOT, "Origin", "https://www.todobackend.com");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isPresent(), response.headers().toString());
    }

    @Test
    void preflightAllowsTheMethodsAndHeadersBrowsersAskFor() {
        HttpResponse<String> response = api.send("OPTIONS", ROOT + "/000000000000000000000000", null,
                "Origin", "https://www.todobackend.com",
                "Access-Control-Request-Method", "PATCH",
                "Access-Control-Request-Headers", "content-type,if-match");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("PATCH"));
    }

    @Test
    void rootAnswersAPostWithTheTodoThatWasPosted() {
        Map<String, Object> todo = create("{\"title\":\"a todo\"}");
        assertEquals("a todo", todo.get("title"));
    }

    @Test
    void afterADeleteTheRootAnswersAnEmptyArray() {
        create("{\"title\":\"doomed\"}");
        assertEquals(204, api.delete(ROOT).statusCode());
        HttpResponse<String> response = api.get(ROOT);
        assertEquals(200, response.statusCode());
        assertEquals("[]", response.body());
    }

    @Test
    void aPostedTodoShowsUpInTheList() {
        create("{\"title\":\"walk the dog\"}");
        List<Map<String, Object>> todos = api.array(api.get(ROOT));
        assertEquals(1, todos.size());
        assertEquals("walk the dog", todos.get(0).get("title"));
    }

    @Test
    void aNewTodoIsNotCompletedAndHasAnAbsoluteUrlThatReturnsIt() {
        Map<String, Object> todo = create("{\"title\":\"blah\"}");
        assertEquals(false, todo.get("completed"));
        String url = (String) todo.get("url");
        assertNotNull(url);
        assertTrue(url.startsWith("http://"), url);
        Map<String, Object> fetched = api.object(api.get(url));
        assertEquals("blah", fetched.get("title"));
        assertEquals(url, fetched.get("url"));
    }

    @Test
    void theListLeadsToEachTodoThroughItsUrl() {
        create("{\"title\":\"todo the first\"}");
        create("{\"title\":\"todo the second\"}");
        for (Map<String, Object> todo : api.array(api.get(ROOT))) {
            assertEquals(todo.get("title"), api.object(api.get((String) todo.get("url"))).get("title"));
        }
    }

    @Test
    void patchingTheUrlChangesTitleAndCompletedAndIsPersisted() {
        String url = (String) create("{\"title\":\"initial title\"}").get("url");
        HttpResponse<String> patched = api.patch(url, "{\"title\":\"bathe the cat\",\"completed\":true}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("bathe the cat", api.object(patched).get("title"));
        Map<String, Object> refetched = api.object(api.get(url));
        assertEquals("bathe the cat", refetched.get("title"));
        assertEquals(true, refetched.get("completed"));
    }

    @Test
    void deletingTheUrlRemovesTheTodo() {
        String url = (String) create("{\"title\":\"delete me\"}").get("url");
        assertEquals(204, api.delete(url).statusCode());
        assertEquals("[]", api.get(ROOT).body());
        assertEquals(404, api.get(url).statusCode());
    }

    @Test
    void aTodoCanBeCreatedWithAnOrderAndReorderedByPatch() {
        Map<String, Object> todo = create("{\"title\":\"blah\",\"order\":523}");
        assertEquals(523, ((Number) todo.get("order")).intValue());
        String url = (String) todo.get("url");
        assertEquals(95, ((Number) api.object(api.patch(url, "{\"order\":95}")).get("order")).intValue());
        assertEquals(95, ((Number) api.object(api.get(url)).get("order")).intValue());
    }

    @Test
    void createAnswersLocationAndEtag() {
        HttpResponse<String> response = api.post(ROOT, "{\"title\":\"located\"}");
        Map<String, Object> todo = api.object(response);
        assertEquals(todo.get("url"), response.headers().firstValue("Location").orElse(null));
        assertTrue(response.headers().firstValue("ETag").orElse("").matches("\"\\d+\""));
        assertFalse(((String) todo.get("id")).isBlank());
    }
}
