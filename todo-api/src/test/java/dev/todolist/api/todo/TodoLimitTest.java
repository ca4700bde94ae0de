package dev.todolist.api.todo;

import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One account holds at most TODOLIST_TODOS_MAX_PER_ACCOUNT todos (3 here; 10 000 by default). */
class TodoLimitTest {

    private static RunningApi server;

    @BeforeAll
    static void start() {
        server = RunningApi.start("todolimit", Map.of("todolist.todos.max-per-account", 3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCreateBeyondTheLimitIsRefusedWithAProblemOfItsOwn() {
        RunningApi user = server.signedUp("full@example.org");
        for (int i = 0; i < 3; i++) {
            assertEquals(201, user.post("/api/v1/todos", "{\"title\":\"t" + i + "\"}").statusCode());
        }
        HttpResponse<String> refused = user.post("/api/v1/todos", "{\"title\":\"one too many\"}");
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("https://todolist.dev/problems/todo-limit-reached", user.object(refused).get("type"));
        assertEquals("3", user.get("/api/v1/todos").headers().firstValue("X-Total-Count").orElseThrow());

        String first = (String) user.array(user.get("/api/v1/todos")).get(0).get("url");
        assertEquals(204, user.delete(first).statusCode());
        assertEquals(201, user.post("/api/v1/todos", "{\"title\":\"room again\"}").statusCode());
    }

    @Test
    void anotherAccountHasItsOwnAllowance() {
        RunningApi filler = server.signedUp("filler@example.org");
        for (int i = 0; i < 3; i++) {
            filler.post("/api/v1/todos", "{\"title\":\"t" + i + "\"}");
        }
        RunningApi neighbour = server.signedUp("neighbour@example.org");
        assertEquals(201, neighbour.post("/api/v1/todos", "{\"title\":\"mine\"}").statusCode());
    }
}
