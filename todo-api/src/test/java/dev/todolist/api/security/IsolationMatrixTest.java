package dev.todolist.api.security;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two users, every endpoint and method: B can never read, change, count or delete A's data, and
 * A's todo or token id answers B exactly as an id that does not exist.
 */
@ApiTest
class IsolationMatrixTest {

    private static final String TODOS = "/api/v1/todos";
    private static final String MISSING = "0123456789abcdef01234567";

    @Api
    private static RunningApi server;
    @Api(user = "alice@example.org")
    private static RunningApi alice;
    @Api(user = "bob@example.org")
    private static RunningApi bob;
    private String aliceTodo;
    private String aliceEtag;
    private String aliceTokenId;

    @BeforeEach
    void aliceHasATodoAndATokenBobHasATodo() {
        alice.delete(TODOS);
        bob.delete(TODOS);
        HttpResponse<String> created = alice.post(TODOS, "{\"title\":\"alice secret plan\",\"tags\":[\"private\"],\"priority\":\"high\"}");
        aliceTodo = (String) alice.object(created).get("id");
        aliceEtag = created.headers().firstValue("ETag").orElseThrow();
        bob.post(TODOS, "{\"title\":\"bob groceries\"}");
        for (Map<String, Object> token : alice.array(alice.get("/api/v1/me/tokens"))) {
            alice.delete("/api/v1/me/tokens/" + token.get("id"));
        }
        aliceTokenId = (String) alice.object(alice.post("/api/v1/me/tokens", "{\"name\":\"alice script\",\"expiresInDays\":9}")).get("id");
    }

    /** Every way of addressing one todo by id: method, path suffix, body, headers. */
    static Stream<Arguments> todoOperations() {
        return Stream.of(
                Arguments.of("GET", "", null, new String[0]),
                Arguments.of("GET", "", null, new String[] {"If-None-Match", "\"1\""}),
                Arguments.of("PUT", "", "{\"title\":\"taken over\"}", new String[] {"If-Match", "\"0\", \"1\""}),
                Arguments.of("PUT", "", "{\"title\":\"taken over\"}", new String[] {"If-Match", "\"1\""}),
                Arguments.of("PATCH", "", "{\"title\":\"taken over\",\"completed\":true}", new String[0]),
                Arguments.of("PATCH", "", "{\"title\":\"taken over\"}", new String[] {"If-Match", "\"1\""}),
                Arguments.of("PATCH", "", "{\"notes\":\"x\"}", new String[] {"Content-Type", "application/merge-patch+json"}),
                Arguments.of("POST", "/complete", null, new String[0]),
                Arguments.of("DELETE", "", null, new String[0]),
                Arguments.of("DELETE", "", null, new String[] {"If-Match", "*"}));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("todoOperations")
    void anotherUsersTodoAnswersExactlyLikeAMissingOne(String method, String suffix, String body, String[] headers) {
        HttpResponse<String> onAlices = bob.send(method, TODOS + "/" + aliceTodo + suffix, body, headers);
        HttpResponse<String> onMissing = bob.send(method, TODOS + "/" + MISSING + suffix, body, headers);

        assertEquals(404, onAlices.statusCode(), onAlices.body());
        assertEquals(onMissing.statusCode(), onAlices.statusCode());
        assertEquals(onMissing.body().replace(MISSING, "ID"), onAlices.body().replace(aliceTodo, "ID"));
        assertEquals(onMissing.headers().map().keySet(), onAlices.headers().map().keySet());
        assertAlicesTodoIsUntouched();
    }

    @Test
    void listsCountsSearchesAndFiltersOnlySeeTheCallersTodos() {
        for (String query : new String[] {"", "?q=secret", "?tag=private", "?completed=false", "?sort=-priority",
                "?size=500", "?dueBefore=2999-01-01"}) {
            HttpResponse<String> list = bob.get(TODOS + query);
            assertEquals(200, list.statusCode(), query);
            assertTrue(!list.body().contains("alice"), query + ": " + list.body());
            long expected = query.isEmpty() || query.contains("completed") || query.contains("sort") || query.contains("size") ? 1 : 0;
            assertEquals(Long.toString(expected), list.headers().firstValue("X-Total-Count").orElse(""), query);
        }
        assertEquals("1", alice.get(TODOS + "?q=secret").headers().firstValue("X-Total-Count").orElse(""));
    }

    @Test
    void clearingTheListOnlyClearsTheCallersTodos() {
        assertEquals(204, bob.delete(TODOS).statusCode());
        assertEquals("[]", bob.get(TODOS).body());
        assertAlicesTodoIsUntouched();
    }

    @Test
    void aCreatedTodoBelongsToItsCreatorWhateverOwnerTheBodyNames() {
        HttpResponse<String> created = bob.post(TODOS, "{\"title\":\"bob again\",\"ownerId\":\"" + aliceId() + "\"}");
        assertEquals(201, created.statusCode());
        assertEquals(1, alice.array(alice.get(TODOS)).size());
        assertEquals(2, bob.array(bob.get(TODOS)).size());
    }

    @Test
    void anotherUsersAccessTokenAnswersExactlyLikeAMissingOne() {
        HttpResponse<String> onAlices = bob.delete("/api/v1/me/tokens/" + aliceTokenId);
        HttpResponse<String> onMissing = bob.delete("/api/v1/me/tokens/" + MISSING);
        assertEquals(404, onAlices.statusCode());
        assertEquals(onMissing.body().replace(MISSING, "ID"), onAlices.body().replace(aliceTokenId, "ID"));
        assertEquals("[]", bob.get("/api/v1/me/tokens").body());
        assertEquals(1, alice.array(alice.get("/api/v1/me/tokens")).size());
    }

    @Test
    void eachUserSeesOnlyItsOwnAccount() {
        assertEquals("bob@example.org", bob.object(bob.get("/api/v1/me")).get("email"));
        assertEquals("alice@example.org", alice.object(alice.get("/api/v1/me")).get("email"));
    }

    @Test
    void anotherUsersSignOutPasswordChangeAndDeletionLeaveTheFirstAlone() {
        RunningApi carol = server.signedUp("carol@example.org");
        carol.post(TODOS, "{\"title\":\"carol\"}");
        assertEquals(200, carol.put("/api/v1/me/password", server.toJson(Map.of(
                "currentPassword", RunningApi.PASSWORD, "newPassword", "carols new passphrase"))).statusCode());
        assertEquals(204, carol.send("DELETE", "/api/v1/me",
                server.toJson(Map.of("password", "carols new passphrase"))).statusCode());
        assertEquals(200, alice.get("/api/v1/me").statusCode());
        assertAlicesTodoIsUntouched();
    }

    private static String aliceId() {
        return (String) alice.object(alice.get("/api/v1/me")).get("id");
    }

    private void assertAlicesTodoIsUntouched() {
        HttpResponse<String> mine = alice.get(TODOS + "/" + aliceTodo);
        assertEquals(200, mine.statusCode(), mine.body());
        assertEquals(aliceEtag, mine.headers().firstValue("ETag").orElse(""));
        assertEquals("alice secret plan", alice.object(mine).get("title"));
        List<Map<String, Object>> all = alice.array(alice.get(TODOS));
        assertEquals(1, all.size());
    }
}
