package dev.todolist.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one spelling of an email address that accounts are keyed by: trimmed, Unicode NFC, lower
 * case. {@code Ann@Example.org} and {@code ann@example.org } are the same account. The local part
 * is lowered too although RFC 5321 allows case-sensitive mailboxes: no mail provider in use
 * distinguishes them, and two accounts differing only by case would invite impersonation.
 */
public final class EmailAddresses {

    /** RFC 5321's limit on a forward path. */
    public static final int MAX_LENGTH = 254;

    /**
     * One {@code @}, a non-empty local part, a domain with a dot; no spaces, separators, control,
     * format (bidi overrides, zero-width joiners), private-use or unpaired surrogate characters,
     * which would let two addresses look alike.
     */
    private static final Pattern SHAPE = Pattern.compile("[^@\\s\\p{C}\\p{Z}]{1,64}@[^@\\s\\p{C}\\p{Z}.]+(\\.[^@\\s\\p{C}\\p{Z}.]+)+");

    private EmailAddresses() {
    }

    /** The normalised address, or empty when {@code raw} is not an email address. */
    public static Optional<String> normalise(String raw) {
        if (raw == null || raw.length() > MAX_LENGTH * 2) {
            return Optional.empty();
        }
        String email = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches()) {
            return Optional.empty();
        }
        return Optional.of(email);
    }
}
