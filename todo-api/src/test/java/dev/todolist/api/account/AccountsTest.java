package dev.todolist.api.account;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.todolist.account.PasswordHashSettings;
import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.todolist.testing.RunningApi.PASSWORD;
import static dev.todolist.testing.ProblemAnswers.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sign-up, sign-in, sessions, cookies, password change, deletion and access tokens over real HTTP. */
@ApiTest
class AccountsTest {

    private static final AtomicInteger USERS = new AtomicInteger();
    @Api
    private static RunningApi server;

    private static String newEmail() {
        return "user" + USERS.incrementAndGet() + "@example.org";
    }

    private static HttpResponse<String> signUp(String email, String password) {
        return server.post("/api/v1/users", server.toJson(Map.of("email", email, "password", password)));
    }

    private static HttpResponse<String> signIn(String email, String password) {
        return server.post("/api/v1/sessions", server.toJson(Map.of("email", email, "password", password)));
    }

    private static MongoDatabase database() {
        return server.context().getBean(MongoClient.class)
                .getDatabase(server.context().getBean(MongoDatabaseNameProvider.class).provide(dev.todolist.account.User.class));
    }

    @Test
    void signUpThenSignInGivesATokenThatReadsTheAccount() {
        String email = newEmail();
        HttpResponse<String> signedUp = signUp(email, PASSWORD);
        assertEquals(201, signedUp.statusCode(), signedUp.body());
        assertEquals(email, server.object(signedUp).get("email"));

        HttpResponse<String> session = signIn(email, PASSWORD);
        assertEquals(201, session.statusCode(), session.body());
        Map<String, Object> body = server.object(session);
        assertEquals("Bearer", body.get("tokenType"));
        assertTrue(Instant.parse((String) body.get("expiresAt")).isAfter(Instant.now()));
        assertEquals("no-store", session.headers().firstValue("Cache-Control").orElse(""));

        Map<String, Object> me = server.object(server.bearer((String) body.get("token")).get("/api/v1/me"));
        assertEquals(email, me.get("email"));
        assertEquals("session", me.get("authenticatedWith"));
        assertFalse(me.containsKey("passwordHash"));
    }

    @Test
    void emailsAreOneAccountWhateverTheirCaseAndSpaces() {
        String email = newEmail();
        assertEquals(201, signUp("  " + email.toUpperCase() + " ", PASSWORD).statusCode());
        assertEquals(201, signIn(email, PASSWORD).statusCode());
    }

    @Test
    void signInSetsAnHttpOnlySecureLaxSessionCookieAndAReadableCsrfCookie() {
        String email = newEmail();
        signUp(email, PASSWORD);
        List<String> cookies = signIn(email, PASSWORD).headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("todolist_session=")).findFirst().orElseThrow();
        String csrf = cookies.stream().filter(c -> c.startsWith("todolist_csrf=")).findFirst().orElseThrow();
        assertTrue(session.contains("HTTPOnly") || session.contains("HttpOnly"), session);
        assertTrue(session.contains("Secure"), session);
        assertTrue(session.contains("SameSite=Lax"), session);
        assertFalse(csrf.contains("HttpOnly") || csrf.contains("HTTPOnly"), csrf);
        assertTrue(csrf.contains("Secure") && csrf.contains("SameSite=Lax"), csrf);
    }

    @Test
    void signUpOfATakenEmailAnswersExactlyLikeANewOneAndChangesNothing() {
        String email = newEmail();
        HttpResponse<String> first = signUp(email, PASSWORD);
        HttpResponse<String> again = signUp(email, "another fine passphrase");
        HttpResponse<String> fresh = signUp(newEmail(), PASSWORD);

        assertEquals(first.statusCode(), again.statusCode());
        assertEquals(first.body(), again.body());
        assertEquals(headerNames(fresh.headers()), headerNames(again.headers()));
        assertEquals(201, signIn(email, PASSWORD).statusCode(), "the first password still holds");
        assertProblem(signIn(email, "another fine passphrase"), 401, "invalid-credentials");
    }

    @Test
    void unknownEmailAndWrongPasswordGetTheSameAnswer() {
        String email = newEmail();
        signUp(email, PASSWORD);
        HttpResponse<String> wrongPassword = signIn(email, "not the password at all");
        HttpResponse<String> unknownEmail = signIn(newEmail(), "not the password at all");
        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertEquals(wrongPassword.statusCode(), unknownEmail.statusCode());
        assertEquals(wrongPassword.body().replace("/api/v1/sessions", ""), unknownEmail.body().replace("/api/v1/sessions", ""));
        assertEquals(headerNames(wrongPassword.headers()), headerNames(unknownEmail.headers()));
    }

    @Test
    void weakPasswordsAndBadEmailsAreRefusedWithTheFieldNamed() {
        assertProblem(signUp(newEmail(), "short"), 400, "validation");
        assertProblem(signUp(newEmail(), "password1234"), 400, "validation");
        assertProblem(signUp("not-an-email", PASSWORD), 400, "validation");
        String email = newEmail();
        HttpResponse<String> sameAsEmail = signUp(email, email);
        assertProblem(sameAsEmail, 400, "validation");
        assertTrue(sameAsEmail.body().contains("\"field\":\"password\""), sameAsEmail.body());
    }

    @Test
    void todosNeedAuthentication() {
        HttpResponse<String> anonymous = server.get("/api/v1/todos");
        assertProblem(anonymous, 401, "unauthenticated");
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                anonymous.headers().toString());
        assertProblem(server.post("/api/v1/todos", "{\"title\":\"x\"}"), 401, "unauthenticated");
        assertProblem(server.get("/api/v1/me"), 401, "unauthenticated");
    }

    @Test
    void theSessionCookieAuthenticatesReadsAndWritesThatEchoTheCsrfToken() {
        String email = newEmail();
        signUp(email, PASSWORD);
        HttpResponse<String> session = signIn(email, PASSWORD);
        String token = (String) server.object(session).get("token");
        String csrf = (String) server.object(session).get("csrfToken");
        RunningApi browser = server.withHeaders("Cookie", "todolist_session=" + token + "; todolist_csrf=" + csrf);

        assertEquals(200, browser.get("/api/v1/todos").statusCode());
        assertProblem(browser.post("/api/v1/todos", "{\"title\":\"forged\"}"), 403, "csrf-token-mismatch");
        assertProblem(browser.post("/api/v1/todos", "{\"title\":\"forged\"}", "X-CSRF-Token", "wrong"), 403,
                "csrf-token-mismatch");
        assertProblem(browser.delete("/api/v1/todos"), 403, "csrf-token-mismatch");
        assertEquals("[]", browser.get("/api/v1/todos").body(), "refused writes changed nothing");

        assertEquals(201, browser.post("/api/v1/todos", "{\"title\":\"real\"}", "X-CSRF-Token", csrf).statusCode());
        assertEquals(201, server.bearer(token).post("/api/v1/todos", "{\"title\":\"bearer needs none\"}").statusCode());
    }

    @Test
    void signOutRevokesTheTokenAtOnce() {
        String token = server.signUpAndSignIn(newEmail());
        RunningApi caller = server.bearer(token);
        assertEquals(200, caller.get("/api/v1/todos").statusCode());

        HttpResponse<String> signedOut = caller.delete("/api/v1/sessions/current");
        assertEquals(204, signedOut.statusCode(), signedOut.body());
        assertTrue(signedOut.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("todolist_session=;")
                || c.startsWith("todolist_session=\"\"") || c.contains("Max-Age=0")), signedOut.headers().toString());

        assertProblem(caller.get("/api/v1/todos"), 401, "unauthenticated");
        assertProblem(caller.delete("/api/v1/sessions/current"), 401, "unauthenticated");
    }

    @Test
    void passwordChangeEndsOtherSessionsKeepsThisOneAndRetiresTheOldPassword() {
        String email = newEmail();
        String first = server.signUpAndSignIn(email);
        String second = server.signIn(email, PASSWORD);
        String replacement = "a brand new passphrase 7";

        assertProblem(server.bearer(first).put("/api/v1/me/password",
                server.toJson(Map.of("currentPassword", "wrong current password", "newPassword", replacement))),
                403, "wrong-password");
        assertProblem(server.bearer(first).put("/api/v1/me/password",
                server.toJson(Map.of("currentPassword", PASSWORD, "newPassword", "short"))), 400, "validation");

        HttpResponse<String> changed = server.bearer(first).put("/api/v1/me/password",
                server.toJson(Map.of("currentPassword", PASSWORD, "newPassword", replacement)));
        assertEquals(200, changed.statusCode(), changed.body());

        assertEquals(200, server.bearer(first).get("/api/v1/me").statusCode(), "the session that changed it stays");
        assertProblem(server.bearer(second).get("/api/v1/me"), 401, "unauthenticated");
        assertProblem(signIn(email, PASSWORD), 401, "invalid-credentials");
        assertEquals(201, signIn(email, replacement).statusCode());
    }

    @Test
    void accountDeletionRemovesTodosSessionsTokensAndTheAccount() {
        String email = newEmail();
        String token = server.signUpAndSignIn(email);
        RunningApi caller = server.bearer(token);
        caller.post("/api/v1/todos", "{\"title\":\"mine\"}");
        String pat = (String) caller.object(caller.post("/api/v1/me/tokens",
                "{\"name\":\"script\",\"expiresInDays\":30}")).get("token");
        String userId = (String) caller.object(caller.get("/api/v1/me")).get("id");

        assertProblem(caller.send("DELETE", "/api/v1/me", "{\"password\":\"not my password\"}"), 403, "wrong-password");
        assertEquals(1, database().getCollection("todos").countDocuments(Filters.eq("ownerId", userId)));

        HttpResponse<String> deleted = caller.send("DELETE", "/api/v1/me", server.toJson(Map.of("password", PASSWORD)));
        assertEquals(204, deleted.statusCode(), deleted.body());

        assertEquals(0, database().getCollection("todos").countDocuments(Filters.eq("ownerId", userId)));
        assertEquals(0, database().getCollection("sessions").countDocuments(Filters.eq("userId", userId)));
        assertEquals(0, database().getCollection("access_tokens").countDocuments(Filters.eq("userId", userId)));
        assertProblem(caller.get("/api/v1/todos"), 401, "unauthenticated");
        assertProblem(server.bearer(pat).get("/api/v1/todos"), 401, "unauthenticated");
        assertProblem(signIn(email, PASSWORD), 401, "invalid-credentials");
        assertEquals(201, signUp(email, PASSWORD).statusCode(), "the email is free again");
    }

    @Test
    void accessTokensAreShownOnceStoredHashedListedAndRevocable() {
        RunningApi caller = server.signedUp(newEmail());
        HttpResponse<String> created = caller.post("/api/v1/me/tokens", "{\"name\":\"backup script\",\"expiresInDays\":7}");
        assertEquals(201, created.statusCode(), created.body());
        Map<String, Object> token = caller.object(created);
        String secret = (String) token.get("token");
        assertTrue(secret.matches("tdl_[A-Za-z0-9_-]{43}"), secret);

        List<Map<String, Object>> listed = caller.array(caller.get("/api/v1/me/tokens"));
        assertEquals(1, listed.size());
        assertEquals("backup script", listed.get(0).get("name"));
        assertNull(listed.get(0).get("token"), "the secret is never shown again");
        Document stored = database().getCollection("access_tokens").find().filter(Filters.eq("name", "backup script")).first();
        assertFalse(stored.toJson().contains(secret), "only a hash is stored");

        RunningApi script = server.bearer(secret);
        assertEquals(201, script.post("/api/v1/todos", "{\"title\":\"from a script\"}").statusCode());
        assertEquals("access-token", script.object(script.get("/api/v1/me")).get("authenticatedWith"));
        assertProblem(script.get("/api/v1/me/tokens"), 403, "session-required");
        assertProblem(script.post("/api/v1/me/tokens", "{\"name\":\"escalate\",\"expiresInDays\":7}"), 403, "session-required");
        assertProblem(script.put("/api/v1/me/password",
                server.toJson(Map.of("currentPassword", PASSWORD, "newPassword", "taken over account 1"))), 403, "session-required");
        assertProblem(script.send("DELETE", "/api/v1/me", server.toJson(Map.of("password", PASSWORD))), 403, "session-required");

        assertEquals(204, caller.delete("/api/v1/me/tokens/" + token.get("id")).statusCode());
        assertProblem(script.get("/api/v1/todos"), 401, "unauthenticated");
        assertProblem(caller.delete("/api/v1/me/tokens/" + token.get("id")), 404, "not-found");
    }

    @Test
    void anExpiredAccessTokenIsRefused() {
        RunningApi caller = server.signedUp(newEmail());
        Map<String, Object> token = caller.object(caller.post("/api/v1/me/tokens", "{\"name\":\"soon gone\",\"expiresInDays\":1}"));
        RunningApi script = server.bearer((String) token.get("token"));
        assertEquals(200, script.get("/api/v1/todos").statusCode());

        database().getCollection("access_tokens").updateOne(Filters.eq("name", "soon gone"),
                Updates.set("expiresAt", java.util.Date.from(Instant.now().minusSeconds(1))));

        assertProblem(script.get("/api/v1/todos"), 401, "unauthenticated");
    }

    @Test
    void accessTokenInputIsValidated() {
        RunningApi caller = server.signedUp(newEmail());
        assertProblem(caller.post("/api/v1/me/tokens", "{\"name\":\"\",\"expiresInDays\":7}"), 400, "validation");
        assertProblem(caller.post("/api/v1/me/tokens", "{\"name\":\"x\",\"expiresInDays\":0}"), 400, "validation");
        assertProblem(caller.post("/api/v1/me/tokens", "{\"name\":\"x\",\"expiresInDays\":367}"), 400, "validation");
        assertProblem(caller.post("/api/v1/me/tokens", "{\"name\":\"x\",\"expiresInDays\":\"7\"}"), 400, "validation");
        assertProblem(caller.post("/api/v1/me/tokens", "{\"name\":{\"$ne\":1},\"expiresInDays\":7}"), 400, "validation");
        assertEquals("[]", caller.get("/api/v1/me/tokens").body());
    }

    @Test
    void twoSignInsAreTwoSessionsWithDifferentTokens() {
        String email = newEmail();
        String first = server.signUpAndSignIn(email);
        String second = server.signIn(email, PASSWORD);
        assertNotEquals(first, second);
        assertEquals(204, server.bearer(first).delete("/api/v1/sessions/current").statusCode());
        assertEquals(200, server.bearer(second).get("/api/v1/me").statusCode(), "signing out one session leaves the other");
    }

    @Test
    void concurrentSignUpsOfOneEmailMakeExactlyOneAccount() throws Exception {
        String email = newEmail();
        // As many at once as the password hasher admits (hashing at once, plus waiting): one more
        // may be refused 503 before the store is reached, on a machine slow enough to let them pile up.
        PasswordHashSettings hashing = server.context().getBean(PasswordHashSettings.class);
        int racers = hashing.maxConcurrent() + hashing.maxWaiting();
        assertTrue(racers >= 2, "a race needs two sign-ups: " + hashing);
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> signUps = new java.util.ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String password = "racing passphrase number " + i;
            signUps.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> signUp(email, password)));
        }
        for (var signUp : signUps) {
            assertEquals(201, signUp.get().statusCode());
        }
        assertEquals(1, database().getCollection("users").countDocuments(Filters.eq("email", email)));
        List<String> indexes = database().getCollection("users").listIndexes().map(index -> index.getString("name"))
                .into(new java.util.ArrayList<>());
        assertTrue(indexes.contains("email_unique"), indexes.toString());
    }

    private static java.util.Set<String> headerNames(HttpHeaders headers) {
        java.util.Set<String> names = new java.util.TreeSet<>(headers.map().keySet());
        names.remove("date");
        return names;
    }
}
