package dev.todolist.api.account;

import dev.todolist.testing.MongoFixture;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.todolist.testing.RunningApi.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three instances of the API on one shared database, as behind a load balancer: the throttles
 * count every instance's attempts, over real HTTP. Requests go round-robin, so no instance sees
 * more than a third of them, far below any limit on its own.
 */
class ThrottleAcrossInstancesTest {

    static final int ACCOUNT_FAILURES = 20;
    static final int ADDRESS_FAILURES = 9;
    static final int ADDRESS_SIGN_UPS = 6;
    private static final List<RunningApi> INSTANCES = new ArrayList<>();

    @BeforeAll
    static void startThreeInstancesOnOneDatabase() {
        String sharedDatabase = MongoFixture.uri(MongoFixture.uniqueDatabase("acrossinstances"));
        for (int i = 0; i < 3; i++) {
            INSTANCES.add(RunningApi.start("ThrottleAcrossInstancesTest", Map.of(
                    "mongodb.uri", sharedDatabase,
                    "todolist.throttle.account-failures", ACCOUNT_FAILURES,
                    "todolist.throttle.address-failures", ADDRESS_FAILURES,
                    "todolist.throttle.address-sign-ups", ADDRESS_SIGN_UPS,
                    "todolist.throttle.window", "10m")));
        }
    }

    @AfterAll
    static void stopThem() {
        INSTANCES.forEach(RunningApi::close);
    }

    /** Instance {@code n} modulo 3, speaking from {@code address} (X-Forwarded-For from the trusted loopback proxy). */
    private static RunningApi instance(int n, String address) {
        return INSTANCES.get(n % INSTANCES.size()).withHeaders("X-Forwarded-For", address);
    }

    private static HttpResponse<String> signIn(RunningApi client, String email, String password) {
        return client.post("/api/v1/sessions", client.toJson(Map.of("email", email, "password", password)));
    }

    private static HttpResponse<String> signUp(RunningApi client, String email) {
        return client.post("/api/v1/users", client.toJson(Map.of("email", email, "password", PASSWORD)));
    }

    @Test
    void twentyFailuresSpreadOverThreeInstancesLockTheAccountOnEveryInstance() {
        assertEquals(201, signUp(instance(0, "203.0.113.200"), "shared-victim@example.org").statusCode());
        for (int i = 0; i < ACCOUNT_FAILURES; i++) {
            // A new address each time: only the account's own count can lock it.
            HttpResponse<String> failed = signIn(instance(i, "203.0.113." + (i + 1)), "shared-victim@example.org", "guess " + i);
            assertEquals(401, failed.statusCode(), "failure " + (i + 1) + ": " + failed.body());
        }
        for (int n = 0; n < INSTANCES.size(); n++) {
            HttpResponse<String> locked = signIn(instance(n, "203.0.113.100"), "shared-victim@example.org", PASSWORD);
            assertEquals(429, locked.statusCode(), "instance " + n + " refuses even the right password: " + locked.body());
        }
    }

    @Test
    void aSprayFromOneAddressOverThreeInstancesIsThrottled() {
        for (int i = 0; i < ADDRESS_FAILURES; i++) {
            assertEquals(401, signIn(instance(i, "198.51.100.77"), "sprayed" + i + "@example.org", "Summer2024!").statusCode());
        }
        for (int n = 0; n < INSTANCES.size(); n++) {
            assertEquals(429, signIn(instance(n, "198.51.100.77"), "sprayed-next@example.org", "Summer2024!").statusCode(),
                    "instance " + n);
        }
        assertEquals(401, signIn(instance(0, "198.51.100.78"), "sprayed-next@example.org", "Summer2024!").statusCode(),
                "another address is not held back");
    }

    @Test
    void signUpsFromOneAddressOverThreeInstancesAreLimited() {
        for (int i = 0; i < ADDRESS_SIGN_UPS; i++) {
            assertEquals(201, signUp(instance(i, "192.0.2.55"), "newcomer" + i + "@example.org").statusCode());
        }
        for (int n = 0; n < INSTANCES.size(); n++) {
            assertEquals(429, signUp(instance(n, "192.0.2.55"), "one-too-many@example.org").statusCode(), "instance " + n);
        }
    }
}
