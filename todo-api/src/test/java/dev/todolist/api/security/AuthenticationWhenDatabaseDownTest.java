package dev.todolist.api.security;

import dev.todolist.embedded.EmbeddedMongoServer;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session cannot be checked while the database is away: that is a 503 to retry, never a 401 or a 500. */
class AuthenticationWhenDatabaseDownTest {

    @Test
    void aValidTokenGetsA503WhileTheDatabaseIsDown() {
        EmbeddedMongoServer database = EmbeddedMongoServer.inMemory();
        try (RunningApi server = RunningApi.start("authdown", Map.of(
                "mongodb.uri", database.connectionString() + "/authdown",
                "todolist.mongodb.server-selection-timeout", "300ms"))) {
            RunningApi caller = server.signedUp("down@example.org");
            assertEquals(200, caller.get("/api/v1/todos").statusCode());

            database.close();

            HttpResponse<String> todos = caller.get("/api/v1/todos");
            assertEquals(503, todos.statusCode(), todos.body());
            assertTrue(todos.body().contains("https://todolist.dev/problems/database-unavailable"), todos.body());
            assertTrue(todos.headers().firstValue("Retry-After").isPresent());
            HttpResponse<String> signIn = server.post("/api/v1/sessions",
                    server.toJson(Map.of("email", "down@example.org", "password", RunningApi.PASSWORD)));
            assertEquals(503, signIn.statusCode(), signIn.body());
        } finally {
            database.close();
        }
    }
}
