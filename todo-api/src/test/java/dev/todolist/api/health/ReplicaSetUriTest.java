package dev.todolist.api.health;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.MongoFixture;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code replicaSet=} URI is honoured, not quietly downgraded: pointed at a server that is no
 * member of that replica set (the test database is a single server), the driver uses none of it,
 * so the instance reports itself unready within the selection timeout instead of writing to a
 * standalone that the operator did not mean.
 */
@ApiTest
class ReplicaSetUriTest {

    @Api
    private static RunningApi server;

    @ApiTest.Properties
    static Map<String, Object> aReplicaSetUriOnASingleServer() {
        return Map.of("mongodb.uri", MongoFixture.uri(MongoFixture.uniqueDatabase("replicaseturi"))
                + "?replicaSet=rs0&retryWrites=true&w=majority&serverSelectionTimeoutMS=300");
    }

    @Test
    void aServerOutsideTheNamedReplicaSetIsNeverUsed() {
        HttpResponse<String> health = server.get("/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"database\":\"disconnected\""), health.body());
        assertEquals(503, server.post("/api/v1/users", server.toJson(Map.of("email", "rs@example.org",
                "password", RunningApi.PASSWORD))).statusCode(), "a write finds no primary");
    }
}
