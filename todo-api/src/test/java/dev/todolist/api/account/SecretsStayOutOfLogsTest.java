package dev.todolist.api.account;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.mongodb.client.MongoClient;
import dev.todolist.account.User;
import dev.todolist.testing.LogCapture;
import dev.todolist.testing.RunningApi;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passwords, their hashes and tokens never reach a log line, on success or on any error path. */
class SecretsStayOutOfLogsTest {

    private static final String PASSWORD = "zebra-quartz-lantern-9157";
    private static final String NEW_PASSWORD = "otter-marble-canyon-4402";

    @Test
    void noPasswordHashOrTokenIsLogged() {
        try (RunningApi server = RunningApi.start("secretlogs");
             LogCapture log = LogCapture.of(Logger.ROOT_LOGGER_NAME)) {
            String email = "quiet@example.org";
            server.post("/api/v1/users", server.toJson(Map.of("email", email, "password", PASSWORD)));
            server.post("/api/v1/users", server.toJson(Map.of("email", email, "password", PASSWORD)));
            server.post("/api/v1/sessions", server.toJson(Map.of("email", email, "password", PASSWORD + "x")));
            server.post("/api/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"");
            server.post("/api/v1/users", server.toJson(Map.of("email", "x", "password", PASSWORD.substring(0, 8))));
            String token = server.signIn(email, PASSWORD);
            RunningApi caller = server.bearer(token);
            String pat = (String) caller.object(caller.post("/api/v1/me/tokens", "{\"name\":\"n\",\"expiresInDays\":2}")).get("token");
            server.bearer(pat).get("/api/v1/todos");
            caller.put("/api/v1/me/password", server.toJson(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)));
            caller.put("/api/v1/me/password", server.toJson(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD)));
            server.bearer(token + "tampered").get("/api/v1/todos");
            String hash = server.context().getBean(MongoClient.class)
                    .getDatabase(server.context().getBean(MongoDatabaseNameProvider.class).provide(User.class))
                    .getCollection("users").find().first().getString("passwordHash");

            assertTrue(hash.startsWith("$argon2id$"), hash);
            assertTrue(log.events().size() > 5, "the requests were logged at all");
            for (ILoggingEvent event : log.events()) {
                String line = event.getFormattedMessage() + " " + event.getKeyValuePairs()
                        + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
                for (String secret : new String[] {PASSWORD, NEW_PASSWORD, PASSWORD.substring(0, 8), hash, token, pat,
                        hash.substring(hash.lastIndexOf('$') + 1)}) {
                    assertFalse(line.contains(secret), "logged a secret: " + line);
                }
            }
        }
    }
}
