package dev.todolist.api.security;

import dev.todolist.testing.RunningApi;
import dev.todolist.testing.MongoFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the API on one database, with a short revocation delay: a sign-out or a
 * password change made on one is refused there at once and on the other within the delay, over
 * real HTTP. The delay is configured short, not waited out at its default.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRevocationDelayTest {

    private static final Duration DELAY = Duration.ofSeconds(2);
    /** Scheduling slack on a busy machine between the entry's expiry and the refused answer. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private RunningApi first;
    private RunningApi second;

    @BeforeAll
    void startTwoInstancesOnOneDatabase() {
        Map<String, Object> shared = Map.of(
                "mongodb.uri", MongoFixture.uri(MongoFixture.uniqueDatabase("revocationdelay")),
                "todolist.session.secret", "revocation delay test secret " + UUID.randomUUID(),
                "todolist.session.revocation-delay", DELAY.toMillis() + "ms");
        first = RunningApi.start("revocationdelay", shared);
        second = RunningApi.start("revocationdelay", shared);
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void signOutIsRefusedAtOnceWhereMadeAndWithinTheDelayElsewhere() throws InterruptedException {
        String token = first.signUpAndSignIn("sign-out-" + UUID.randomUUID() + "@example.org");
        assertEquals(200, second.bearer(token).get("/api/v1/todos").statusCode(), "the other instance checked it");

        assertEquals(204, first.bearer(token).delete("/api/v1/sessions/current").statusCode());
        long signedOut = System.nanoTime();

        assertEquals(401, first.bearer(token).get("/api/v1/todos").statusCode(), "refused at once where signed out");
        assertRefusedWithinDelay(second, token, signedOut);
    }

    @Test
    void passwordChangeEndsOtherSessionsWithinTheDelayOnEveryInstance() throws InterruptedException {
        String email = "password-" + UUID.randomUUID() + "@example.org";
        String changing = first.signUpAndSignIn(email);
        String other = first.signIn(email, RunningApi.PASSWORD);
        assertEquals(200, first.bearer(other).get("/api/v1/todos").statusCode());
        assertEquals(200, second.bearer(other).get("/api/v1/todos").statusCode());

        assertEquals(200, first.bearer(changing).put("/api/v1/me/password", first.toJson(Map.of(
                "currentPassword", RunningApi.PASSWORD, "newPassword", "a brand new passphrase 7"))).statusCode());
        long changed = System.nanoTime();

        assertEquals(401, first.bearer(other).get("/api/v1/todos").statusCode(), "refused at once where changed");
        assertEquals(200, first.bearer(changing).get("/api/v1/todos").statusCode(), "the changing session stays");
        assertRefusedWithinDelay(second, other, changed);
    }

    /** Polls {@code api} with {@code token} until it answers 401; fails if that takes longer than the delay allows. */
    private static void assertRefusedWithinDelay(RunningApi api, String token, long revokedNanos)
            throws InterruptedException {
        int status;
        do {
            status = api.bearer(token).get("/api/v1/todos").statusCode();
            if (status == 401) {
                break;
            }
            assertEquals(200, status);
            Thread.sleep(100);
        } while (System.nanoTime() - revokedNanos < DELAY.plus(SLACK).toNanos());
        Duration took = Duration.ofNanos(System.nanoTime() - revokedNanos);
        assertEquals(401, status, "still honoured " + took.toMillis() + " ms after the revocation");
        assertTrue(took.compareTo(DELAY.plus(SLACK)) <= 0, "refused after " + took.toMillis() + " ms");
    }
}
