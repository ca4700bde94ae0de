package dev.todolist.api.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What makes a {@code SESSION_SECRET} (and a {@code SESSION_SECRET_PREVIOUS}) acceptable: at least
 * {@value #MIN_LENGTH} characters (HS256 needs a key of 256 bits), and, in production, not an
 * example value from a template or a document. Checked by {@code main} before anything starts,
 * so that a refused secret is one line on stderr and exit status 2, like a missing database.
 */
public final class SessionSecretRule {

    public static final String SESSION_SECRET = "SESSION_SECRET";
    public static final String SESSION_SECRET_PREVIOUS = "SESSION_SECRET_PREVIOUS";
    public static final int MIN_LENGTH = 32;

    private static final String PRODUCTION = "production";
    private static final String HOW_TO_GENERATE = "generate one with: openssl rand -base64 48";
    /**
     * Words of the placeholders people copy from templates and documents. Five letters or more, so
     * that a random secret holds one by chance about once in a million.
     */
    private static final List<String> EXAMPLE_WORDS = List.of("change", "example", "placeholder", "replace",
            "secret", "password", "default", "sample", "dummy", "insecure", "1234567", "qwerty", "abcdefg");
    /** A secret made of this few distinct characters ({@code aaaa...}, {@code 0101...}) is not a secret. */
    private static final int MIN_DISTINCT_CHARACTERS = 8;

    private SessionSecretRule() {
    }

    /** Why the process must not start with these secrets, or empty when they will do. */
    public static Optional<String> refusal(String environment, Map<String, String> env) {
        boolean production = PRODUCTION.equals(environment);
        String secret = env.get(SESSION_SECRET);
        if (secret == null || secret.isBlank()) {
            return production
                    ? Optional.of(SESSION_SECRET + " is required in the production environment (at least "
                    + MIN_LENGTH + " characters; " + HOW_TO_GENERATE + ")")
                    : Optional.empty();
        }
        Optional<String> weakness = weakness(SESSION_SECRET, secret, production);
        if (weakness.isPresent()) {
            return weakness;
        }
        String previous = env.get(SESSION_SECRET_PREVIOUS);
        if (previous != null && !previous.isBlank()) {
            return weakness(SESSION_SECRET_PREVIOUS, previous, production);
        }
        return Optional.empty();
    }

    /**
     * What is wrong with {@code value} as a signing secret. Too short is refused everywhere (the
     * signer would fail on it); an example value only in production, so that a development
     * {@code .env} may keep the template's.
     */
    static Optional<String> weakness(String name, String value, boolean production) {
        String secret = value.strip();
        if (secret.length() < MIN_LENGTH) {
            return Optional.of(name + " must be at least " + MIN_LENGTH + " characters (it has " + secret.length()
                    + "); " + HOW_TO_GENERATE);
        }
        if (production && isExample(secret)) {
            return Optional.of(name + " looks like an example value, not a secret; " + HOW_TO_GENERATE);
        }
        return Optional.empty();
    }

    static boolean isExample(String secret) {
        String letters = secret.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return EXAMPLE_WORDS.stream().anyMatch(letters::contains)
                || secret.chars().distinct().count() < MIN_DISTINCT_CHARACTERS;
    }
}
