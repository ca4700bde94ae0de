package dev.todolist.account;

import dev.todolist.problem.FieldViolation;
import jakarta.inject.Singleton;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be (NIST SP 800-63B's rules rather than composition rules): at least
 * {@link AccountSettings#passwordMinLength()} characters, at most {@value #MAX_LENGTH}, not one of
 * the commonly used passwords shipped in {@value #COMMON_PASSWORDS}, and not the account's email
 * address or its local part. Passwords are compared and hashed in Unicode NFKC, so that the same
 * password typed on two keyboards is the same password.
 */
@Singleton
public class PasswordPolicy {

    /** Long passphrases are welcome; the bound only keeps a single request's hashing work bounded. */
    public static final int MAX_LENGTH = 256;

    static final String COMMON_PASSWORDS = "common-passwords.txt";

    private final int minLength;
    private final Set<String> common;

    public PasswordPolicy(AccountSettings settings) {
        this.minLength = settings.passwordMinLength();
        this.common = load();
    }

    /** The password as it is hashed. */
    public static String normalised(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** Why {@code password} may not be the password of {@code email}, or empty when it may. */
    public Optional<FieldViolation> violation(String field, String password, String email) {
        String normalised = normalised(password);
        int length = normalised.codePointCount(0, normalised.length());
        if (length < minLength) {
            return Optional.of(new FieldViolation(field, "must be at least " + minLength + " characters"));
        }
        if (length > MAX_LENGTH) {
            return Optional.of(new FieldViolation(field, "must be at most " + MAX_LENGTH + " characters"));
        }
        if (normalised.codePoints().anyMatch(Character::isISOControl)) {
            return Optional.of(new FieldViolation(field, "must not contain control characters"));
        }
        String folded = normalised.toLowerCase(Locale.ROOT);
        if (common.contains(folded)) {
            return Optional.of(new FieldViolation(field, "is a commonly used password; choose another"));
        }
        if (email != null) {
            String localPart = email.substring(0, Math.max(0, email.indexOf('@')));
            if (folded.equals(email) || folded.equals(localPart)) {
                return Optional.of(new FieldViolation(field, "must not be your email address"));
            }
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + COMMON_PASSWORDS);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String password = line.strip();
                if (!password.isEmpty() && !password.startsWith("#")) {
                    passwords.add(normalised(password).toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(passwords);
    }
}
