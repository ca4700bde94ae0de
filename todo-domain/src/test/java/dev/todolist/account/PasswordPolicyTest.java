package dev.todolist.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(new AccountSettings(12, Duration.ofDays(30), 5));

    private String why(String password, String email) {
        return policy.violation("password", password, email).map(v -> v.message()).orElse("ok");
    }

    @Test
    void aLongUncommonPasswordIsAccepted() {
        assertEquals("ok", why("violet hedgehog orbits saturn", "ann@example.org"));
    }

    @Test
    void shortPasswordsAreRefusedCountingCharactersNotBytes() {
        assertTrue(why("elevenchars", null).startsWith("must be at least 12"));
        assertEquals("ok", why("\uD83D\uDE00".repeat(12), null), "twelve emoji are twelve characters");
        assertTrue(why("\uD83D\uDE00".repeat(11), null).startsWith("must be at least 12"));
    }

    @Test
    void overlongPasswordsAreRefused() {
        assertTrue(why("x".repeat(PasswordPolicy.MAX_LENGTH) + "yz", null).startsWith("must be at most"));
    }

    @Test
    void commonPasswordsAreRefusedWhateverTheirCase() {
        assertTrue(why("password1234", null).contains("commonly used"));
        assertTrue(why("QWERTYUIOP123", null).contains("commonly used"));
        assertTrue(why("111111111111", null).contains("commonly used"));
        assertTrue(why("Correct Horse Battery Staple", null).contains("commonly used"), "famous passphrases too");
    }

    @Test
    void theEmailOrItsLocalPartIsNotAPassword() {
        assertTrue(why("annabelle.lee@example.org", "annabelle.lee@example.org").contains("email"));
        assertTrue(why("Annabelle.Lee.", "annabelle.lee.@example.org").contains("email"));
    }

    @Test
    void controlCharactersAreRefused() {
        assertTrue(why("tab\tinside my password", null).contains("control"));
    }
}
