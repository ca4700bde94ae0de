package dev.todolist.account;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmailAddressesTest {

    @Test
    void addressesAreTrimmedAndLowerCased() {
        assertEquals(Optional.of("ann@example.org"), EmailAddresses.normalise("  Ann@Example.ORG "));
    }

    @Test
    void unicodeIsComposedSoThatOneAddressHasOneSpelling() {
        assertEquals(EmailAddresses.normalise("jos\u00E9@example.org"), EmailAddresses.normalise("jose\u0301@example.org"));
    }

    @Test
    void thingsThatAreNotAddressesAreRefused() {
        for (String text : new String[] {"", "ann", "ann@", "@example.org", "ann@example", "ann@@example.org",
                "ann smith@example.org", "ann@exa mple.org", "ann\u0000@example.org", "ann@example..org", "ann\u202E@example.org", "an\u200Dn@example.org", "ann\uD800@example.org",
                "ann\u3000@example.org",
                "a".repeat(65) + "@example.org", "ann@" + "d".repeat(250) + ".org"}) {
            assertEquals(Optional.empty(), EmailAddresses.normalise(text), text);
        }
        assertEquals(Optional.empty(), EmailAddresses.normalise(null));
    }
}
