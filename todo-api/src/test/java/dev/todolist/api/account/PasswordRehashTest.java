package dev.todolist.api.account;

import com.mongodb.client.MongoClient;
import dev.todolist.account.User;
import dev.todolist.testing.MongoFixture;
import dev.todolist.testing.RunningApi;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raising the password-hash cost locks nobody out, and each hash is renewed at its owner's next sign-in. */
class PasswordRehashTest {

    @Test
    void aSignInAfterACostChangeRenewsTheHash() {
        String uri = MongoFixture.uri(MongoFixture.uniqueDatabase("rehash"));
        try (RunningApi cheap = RunningApi.start("rehash", Map.of("mongodb.uri", uri))) {
            cheap.signUpAndSignIn("rehash@example.org");
            assertTrue(storedHash(cheap).startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), storedHash(cheap));
        }
        try (RunningApi dearer = RunningApi.start("rehash", Map.of("mongodb.uri", uri,
                "todolist.password-hash.memory-kib", 2048, "todolist.password-hash.iterations", 2))) {
            dearer.signIn("rehash@example.org", RunningApi.PASSWORD);
            assertTrue(storedHash(dearer).startsWith("$argon2id$v=19$m=2048,t=2,p=1$"), storedHash(dearer));
            assertEquals(200, dearer.bearer(dearer.signIn("rehash@example.org", RunningApi.PASSWORD)).get("/api/v1/me").statusCode());
        }
    }

    private static String storedHash(RunningApi server) {
        return server.context().getBean(MongoClient.class)
                .getDatabase(server.context().getBean(MongoDatabaseNameProvider.class).provide(User.class))
                .getCollection("users").find().first().getString("passwordHash");
    }
}
