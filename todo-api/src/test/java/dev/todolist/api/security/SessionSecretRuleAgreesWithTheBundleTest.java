package dev.todolist.api.security;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's production check of SESSION_SECRET applies the stack's secret rules: the Compose
 * bundle's rules/secret-rules.env, which manage-docker.sh and the Ansible role read. A secret the
 * bundle refuses must not start the API, and one it accepts must.
 */
class SessionSecretRuleAgreesWithTheBundleTest {

    private static final Path RULES = Path.of("..", "infra-docker", "src", "main", "bundle", "rules", "secret-rules.env");
    /** Random-looking, 40 characters, 30 distinct, none of the example words. */
    private static final String RANDOM = "k3J9vQ2xLm8RtY5wZp1NcB7dFh4GsA6eUq0Vi7Tb";

    private static Properties rules;

    @BeforeAll
    static void readTheBundlesRules() throws IOException {
        assertTrue(Files.isRegularFile(RULES), "the bundle's secret rules at " + RULES.toAbsolutePath());
        rules = new Properties();
        try (Reader reader = Files.newBufferedReader(RULES)) {
            rules.load(reader);
        }
    }

    private static int number(String name) {
        return Integer.parseInt(rules.getProperty(name).trim());
    }

    private static Optional<String> refusal(String secret) {
        return SessionSecretRule.refusal("production", Map.of(SessionSecretRule.SESSION_SECRET, secret));
    }

    @Test
    void theMinimumLengthIsTheBundles() {
        int minimum = number("SECRET_MIN_LENGTH");
        assertEquals(minimum, SessionSecretRule.MIN_LENGTH);
        assertTrue(refusal(RANDOM.substring(0, minimum - 1)).isPresent(), "one character short");
        assertFalse(refusal(RANDOM.substring(0, minimum)).isPresent(), "exactly the minimum");
    }

    @Test
    void everyExampleWordOfTheBundleIsRefusedInAnyCase() {
        assertFalse(refusal(RANDOM).isPresent(), "control: the random secret alone is accepted");
        List<String> words = List.of(rules.getProperty("SECRET_EXAMPLE_WORDS").trim().split(","));
        assertFalse(words.isEmpty());
        for (String word : words) {
            String secret = RANDOM.substring(0, 20) + "-" + word.toUpperCase() + "-" + RANDOM.substring(20);
            assertTrue(refusal(secret).isPresent(), "holds '" + word + "': " + secret);
        }
    }

    @Test
    void tooFewDistinctCharactersIsTheBundlesBoundary() {
        int distinct = number("SECRET_MIN_DISTINCT_CHARACTERS");
        int length = number("SECRET_MIN_LENGTH") + 8;
        String alphabet = "Zq7Wx3KpMv9H";
        assertTrue(refusal(cycle(alphabet.substring(0, distinct - 1), length)).isPresent(), (distinct - 1) + " distinct");
        assertFalse(refusal(cycle(alphabet.substring(0, distinct), length)).isPresent(), distinct + " distinct");
    }

    private static String cycle(String characters, int length) {
        StringBuilder secret = new StringBuilder();
        while (secret.length() < length) {
            secret.append(characters.charAt(secret.length() % characters.length()));
        }
        return secret.toString();
    }
}
