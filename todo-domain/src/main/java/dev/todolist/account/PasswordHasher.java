package dev.todolist.account;

import jakarta.inject.Singleton;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes (Bouncy Castle's implementation), written as PHC strings such as
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} so that each hash carries its own cost and
 * a later change of {@link PasswordHashSettings} does not lock anybody out ({@link #needsRehash}
 * tells which hashes to renew at their owner's next sign-in).
 *
 * <p>At most {@link PasswordHashSettings#maxConcurrent()} hashes run at once (each holds its memory
 * cost on the heap from the moment its generator is initialised, so the permit is taken first) and
 * at most {@link PasswordHashSettings#maxWaiting()} more wait; beyond that a hash is refused at once
 * with {@link PasswordHashingBusyException}. Waiting requests hold request threads, so an unbounded
 * queue let a burst of sign-ins take every thread (and, before the permit came first, the heap).
 */
@Singleton
public class PasswordHasher {

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{16,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final PasswordHashSettings settings;
    private final Semaphore permits;
    /** Running plus waiting hashes. */
    private final Semaphore admissions;
    /** Verified against when an email is unknown, so that the answer takes as long as for a known one. */
    private final String decoy;

    public PasswordHasher(PasswordHashSettings settings) {
        this.settings = settings;
        this.permits = new Semaphore(settings.maxConcurrent(), true);
        this.admissions = new Semaphore(settings.maxConcurrent() + settings.maxWaiting());
        byte[] random = new byte[HASH_BYTES];
        RANDOM.nextBytes(random);
        this.decoy = hash(ENCODER.encodeToString(random));
    }

    /** A new hash of {@code password} with a fresh salt and the configured cost. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, settings.memoryKib(), settings.iterations(), settings.parallelism());
        return "$argon2id$v=19$m=" + settings.memoryKib() + ",t=" + settings.iterations() + ",p="
                + settings.parallelism() + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** True when {@code password} is the one {@code phc} was made from; false for an unreadable hash. */
    public boolean matches(String password, String phc) {
        Matcher parts = phc == null ? null : PHC.matcher(phc);
        if (parts == null || !parts.matches()) {
            return false;
        }
        byte[] expected = DECODER.decode(parts.group(5));
        byte[] actual = argon2(password, DECODER.decode(parts.group(4)), Integer.parseInt(parts.group(1)),
                Integer.parseInt(parts.group(2)), Integer.parseInt(parts.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** True when {@code phc} was made with another cost than the configured one (or cannot be read). */
    public boolean needsRehash(String phc) {
        Matcher parts = phc == null ? null : PHC.matcher(phc);
        return parts == null || !parts.matches()
                || Integer.parseInt(parts.group(1)) != settings.memoryKib()
                || Integer.parseInt(parts.group(2)) != settings.iterations()
                || Integer.parseInt(parts.group(3)) != settings.parallelism();
    }

    /** Spends the time of one verification and matches nothing: for sign-ins with an unknown email. */
    public void spendVerificationTime(String password) {
        matches(password, decoy);
    }

    private byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        return argon2(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    }

    private byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build();
        byte[] out = new byte[length];
        if (!admissions.tryAcquire()) {
            throw new PasswordHashingBusyException();
        }
        try {
            permits.acquireUninterruptibly();
            try {
                Argon2BytesGenerator generator = new Argon2BytesGenerator();
                generator.init(parameters);
                generator.generateBytes(PasswordPolicy.normalised(password).toCharArray(), out);
            } finally {
                permits.release();
            }
        } finally {
            admissions.release();
        }
        return out;
    }
}
