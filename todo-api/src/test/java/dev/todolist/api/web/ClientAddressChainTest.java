package dev.todolist.api.web;

import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The throttle key behind a proxy is the right-most X-Forwarded-For address that is not a
 * configured proxy: whatever a client writes to the left of what its proxy appended does not move
 * it. Here the test client on loopback plays the proxy the API is behind, 192.168.1.50 (a LAN
 * client, private but not a configured proxy) is what it appended, and 172.31.240.0/24 stands for
 * the Compose network's subnet, trusted like loopback.
 */
class ClientAddressChainTest {

    private static RunningApi server;

    @BeforeAll
    static void start() {
        server = RunningApi.start("clientaddresschain", Map.of("todolist.web.trusted-proxies", "127.0.0.1/32,172.31.240.0/24",
                "todolist.throttle.address-failures", 3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientCannotPickItsOwnThrottleKeyByWritingXForwardedFor() {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertEquals(401, signIn("victim" + attempt + "@example.org", "203.0.113." + attempt + ", 192.168.1.50").statusCode());
        }
        HttpResponse<String> fourth = signIn("victim9@example.org", "198.51.100.77, 192.168.1.50");
        assertEquals(429, fourth.statusCode(), "the address 192.168.1.50 has had its failures: " + fourth.body());
        assertEquals(401, signIn("victim9@example.org", "192.168.1.51").statusCode(), "another client is not throttled");
    }

    @Test
    void trustedHopsAreSkippedAndTheNearestUntrustedAddressCounts() {
        for (int attempt = 0; attempt < 3; attempt++) {
            assertEquals(401, signIn("hop" + attempt + "@example.org", "203.0.113.9, 172.31.240.7").statusCode());
        }
        HttpResponse<String> fourth = signIn("hop9@example.org", "10.1.2.3, 203.0.113.9, 172.31.240.8, 172.31.240.7");
        assertEquals(429, fourth.statusCode(), "203.0.113.9 has had its failures, whatever is left of it: " + fourth.body());
        assertEquals(401, signIn("hop9@example.org", "203.0.113.10, 172.31.240.7").statusCode(),
                "another client behind the same proxies is not throttled");
    }

    private static HttpResponse<String> signIn(String email, String forwardedFor) {
        return server.post("/api/v1/sessions", server.toJson(Map.of("email", email, "password", "wrong password 12345")),
                "X-Forwarded-For", forwardedFor);
    }
}
