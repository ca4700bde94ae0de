package dev.todolist.account;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new PasswordHashSettings(1024, 1, 1, 2, 4));

    @Test
    void hashIsAnArgon2idPhcStringCarryingItsCost() {
        String hash = hasher.hash("a long enough passphrase");
        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
    }

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String hash = hasher.hash("a long enough passphrase");
        assertTrue(hasher.matches("a long enough passphrase", hash));
        assertFalse(hasher.matches("a long enough passphrasE", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void eachHashHasItsOwnSalt() {
        assertNotEquals(hasher.hash("same password here"), hasher.hash("same password here"));
    }

    @Test
    void aHashMadeWithOtherCostStillVerifies() {
        String cheap = hasher.hash("rotated cost password");
        PasswordHasher dearer = new PasswordHasher(new PasswordHashSettings(2048, 2, 1, 1, 4));
        assertTrue(dearer.matches("rotated cost password", cheap));
    }

    @Test
    void hashesOfAnotherCostNeedARehash() {
        String cheap = hasher.hash("rotated cost password");
        assertFalse(hasher.needsRehash(cheap));
        assertTrue(new PasswordHasher(new PasswordHashSettings(2048, 1, 1, 1, 4)).needsRehash(cheap));
        assertTrue(new PasswordHasher(new PasswordHashSettings(1024, 2, 1, 1, 4)).needsRehash(cheap));
        assertTrue(hasher.needsRehash("not a hash"));
    }

    @Test
    void unreadableHashesMatchNothing() {
        assertFalse(hasher.matches("anything at all", null));
        assertFalse(hasher.matches("anything at all", "plain text"));
        assertFalse(hasher.matches("anything at all", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA"));
        assertFalse(hasher.matches("anything at all", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA"));
    }

    @Test
    void compatibleSpellingsOfAPasswordAreOnePassword() {
        // U+212B ANGSTROM SIGN and U+00C5 are the same letter once NFKC-normalised.
        String hash = hasher.hash("\u212Bngstr\u00F6m units are tiny");
        assertTrue(hasher.matches("\u00C5ngstr\u00F6m units are tiny", hash));
    }
}
