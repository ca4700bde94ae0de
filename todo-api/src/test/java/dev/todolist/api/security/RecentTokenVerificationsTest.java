package dev.todolist.api.security;

import dev.todolist.testing.MongoFixture;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token answered from memory is never honoured past its own expiry, however long the revocation
 * delay: sessions last 2 s here and the delay is a minute, over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecentTokenVerificationsTest {

    private RunningApi api;

    @BeforeAll
    void start() {
        api = RunningApi.start("tokenverifications", Map.of(
                "mongodb.uri", MongoFixture.uri(MongoFixture.uniqueDatabase("tokenverifications")),
                "todolist.session.lifetime", "2s",
                "todolist.session.revocation-delay", "1m"));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws InterruptedException {
        String token = api.signUpAndSignIn("expiry-" + UUID.randomUUID() + "@example.org");
        assertEquals(200, api.bearer(token).get("/api/v1/todos").statusCode(), "verified in full, then remembered");
        assertEquals(200, api.bearer(token).get("/api/v1/todos").statusCode(), "answered from memory");

        // exp has whole seconds: the token expires 2 to 3 s after it was issued.
        Thread.sleep(3_500);

        assertEquals(401, api.bearer(token).get("/api/v1/todos").statusCode(), "expired, whatever the delay");
    }
}
