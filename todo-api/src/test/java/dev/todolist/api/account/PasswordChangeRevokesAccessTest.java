package dev.todolist.api.account;

import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A password change is what an owner does after a compromise: it ends every other session and
 * revokes every personal access token of the account, and says how many of each.
 */
class PasswordChangeRevokesAccessTest {

    private static final String NEW_PASSWORD = "a fresh passphrase after a breach 9";

    private static RunningApi server;

    @BeforeAll
    static void start() {
        server = RunningApi.start("passwordchangerevokes");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPasswordChangeRevokesAccessTokensAndOtherSessionsAndCountsThem() {
        String email = "breached@example.org";
        RunningApi current = server.signedUp(email);
        RunningApi otherSession = server.bearer(server.signIn(email, RunningApi.PASSWORD));
        RunningApi thirdSession = server.bearer(server.signIn(email, RunningApi.PASSWORD));
        RunningApi script = server.bearer(accessToken(current, "ci"));
        RunningApi backupScript = server.bearer(accessToken(current, "backup"));
        assertEquals(200, script.get("/api/v1/todos").statusCode());

        HttpResponse<String> changed = current.put("/api/v1/me/password",
                server.toJson(Map.of("currentPassword", RunningApi.PASSWORD, "newPassword", NEW_PASSWORD)));

        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(Map.of("sessionsEnded", 2, "accessTokensRevoked", 2), server.object(changed));
        assertEquals(401, script.get("/api/v1/todos").statusCode(), "an access token does not survive the change");
        assertEquals(401, backupScript.get("/api/v1/me").statusCode());
        assertEquals(401, otherSession.get("/api/v1/me").statusCode());
        assertEquals(401, thirdSession.get("/api/v1/todos").statusCode());
        assertEquals(200, current.get("/api/v1/me").statusCode(), "the session that changed it stays");
        assertEquals(0, server.array(current.get("/api/v1/me/tokens")).size());
    }

    @Test
    void anotherAccountsTokensSurviveTheChange() {
        RunningApi owner = server.signedUp("owner-a@example.org");
        RunningApi neighbour = server.signedUp("neighbour-b@example.org");
        RunningApi neighbourScript = server.bearer(accessToken(neighbour, "theirs"));

        HttpResponse<String> changed = owner.put("/api/v1/me/password",
                server.toJson(Map.of("currentPassword", RunningApi.PASSWORD, "newPassword", NEW_PASSWORD)));

        assertEquals(Map.of("sessionsEnded", 0, "accessTokensRevoked", 0), server.object(changed));
        assertEquals(200, neighbourScript.get("/api/v1/todos").statusCode());
    }

    private static String accessToken(RunningApi session, String name) {
        HttpResponse<String> created = session.post("/api/v1/me/tokens",
                server.toJson(Map.of("name", name, "expiresInDays", 30)));
        assertEquals(201, created.statusCode(), created.body());
        return (String) server.object(created).get("token");
    }
}
