package dev.todolist.api.account;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static dev.todolist.testing.RunningApi.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throttling over real HTTP: per account, per client address across accounts (spraying), and
 * per address on sign-up. Each test speaks from its own client address (X-Forwarded-For from the
 * trusted loopback proxy), which is also what proves the real client address is the one counted.
 */
@ApiTest(properties = {
        "todolist.throttle.account-failures=" + SignInThrottleTest.ACCOUNT_FAILURES,
        "todolist.throttle.address-failures=" + SignInThrottleTest.ADDRESS_FAILURES,
        "todolist.throttle.address-sign-ups=" + SignInThrottleTest.ADDRESS_SIGN_UPS,
        "todolist.throttle.window=10m"})
class SignInThrottleTest {

    static final int ACCOUNT_FAILURES = 3;
    static final int ADDRESS_FAILURES = 6;
    static final int ADDRESS_SIGN_UPS = 4;
    @Api
    private static RunningApi server;

    private static RunningApi from(String address) {
        return server.withHeaders("X-Forwarded-For", address);
    }

    private static HttpResponse<String> signIn(RunningApi client, String email, String password) {
        return client.post("/api/v1/sessions", server.toJson(Map.of("email", email, "password", password)));
    }

    private static void signUp(RunningApi client, String email) {
        assertEquals(201, client.post("/api/v1/users", server.toJson(Map.of("email", email, "password", PASSWORD))).statusCode());
    }

    /** {@code times} rounds of a wrong password for each of {@code emails}, every one answered 401. */
    private static void failSignIns(RunningApi client, int times, String... emails) {
        for (int i = 0; i < times; i++) {
            for (String email : emails) {
                assertEquals(401, signIn(client, email, "wrong guess " + i).statusCode(), email);
            }
        }
    }

    private static void assertThrottled(HttpResponse<String> response) {
        assertEquals(429, response.statusCode(), response.body());
        assertTrue(response.body().contains("https://todolist.dev/problems/too-many-requests"), response.body());
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElse("-1"));
        assertTrue(retryAfter >= 1 && retryAfter <= 600, "Retry-After " + retryAfter);
    }

    @Test
    void anAccountLocksAfterRepeatedFailuresEvenForTheRightPassword() {
        RunningApi client = from("198.51.100.1");
        signUp(client, "locked@example.org");
        failSignIns(client, ACCOUNT_FAILURES, "locked@example.org");
        assertThrottled(signIn(client, "locked@example.org", PASSWORD));
        assertThrottled(signIn(from("198.51.100.99"), "locked@example.org", PASSWORD));
    }

    @Test
    void anUnknownEmailLocksExactlyLikeARegisteredOne() {
        RunningApi client = from("198.51.100.2");
        signUp(client, "registered@example.org");
        failSignIns(client, ACCOUNT_FAILURES, "registered@example.org", "nobody-here@example.org");
        HttpResponse<String> registered = signIn(client, "registered@example.org", "another guess");
        HttpResponse<String> unknown = signIn(client, "nobody-here@example.org", "another guess");
        assertThrottled(registered);
        assertThrottled(unknown);
        assertEquals(registered.body(), unknown.body());
    }

    @Test
    void sprayingOnePasswordOverManyAccountsFromOneAddressIsThrottled() {
        RunningApi sprayer = from("198.51.100.3");
        for (int i = 0; i < ADDRESS_FAILURES; i++) {
            assertEquals(401, signIn(sprayer, "victim" + i + "@example.org", "Summer2024!Summer").statusCode());
        }
        assertThrottled(signIn(sprayer, "victim-next@example.org", "Summer2024!Summer"));

        RunningApi someoneElse = from("198.51.100.4");
        assertEquals(401, signIn(someoneElse, "victim-next@example.org", "Summer2024!Summer").statusCode(),
                "another client is not held back by the sprayer");
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsFailures() {
        RunningApi client = from("198.51.100.5");
        signUp(client, "forgetful@example.org");
        for (int round = 0; round < 3; round++) {
            failSignIns(client, ACCOUNT_FAILURES - 1, "forgetful@example.org");
            assertEquals(201, signIn(from("198.51.100." + (50 + round)), "forgetful@example.org", PASSWORD).statusCode());
        }
    }

    @Test
    void signUpsPerAddressAreLimited() {
        RunningApi client = from("2001:db8:1:2::5");
        for (int i = 0; i < ADDRESS_SIGN_UPS; i++) {
            signUp(client, "many" + i + "@example.org");
        }
        assertThrottled(client.post("/api/v1/users", server.toJson(Map.of("email", "one-more@example.org", "password", PASSWORD))));
        RunningApi sameSlash64 = from("2001:db8:1:2:ffff::1");
        assertThrottled(sameSlash64.post("/api/v1/users", server.toJson(Map.of("email", "one-more@example.org", "password", PASSWORD))));
    }

    @Test
    void wrongCurrentPasswordsCountAgainstTheAccount() {
        RunningApi client = from("198.51.100.6");
        signUp(client, "confirm@example.org");
        RunningApi session = client.bearer(server.signIn("confirm@example.org", PASSWORD));
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            assertEquals(403, session.put("/api/v1/me/password", server.toJson(Map.of(
                    "currentPassword", "bad guess " + i, "newPassword", "whatever new passphrase"))).statusCode());
        }
        assertThrottled(session.put("/api/v1/me/password", server.toJson(Map.of(
                "currentPassword", PASSWORD, "newPassword", "whatever new passphrase"))));
    }
}
