package dev.todolist.api.account;

import dev.todolist.account.EmailAddresses;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Throttles password guessing: per account (the email, registered or not, so that a lock-out
 * tells nothing about registration), per client address across all accounts (spraying), and
 * sign-ups per address. A locked account refuses even the right password until the window
 * moves on, so a guesser learns nothing from trying it. A successful sign-in clears its
 * account's failures but not its address's, so that one known account cannot launder a spray.
 *
 * <p>Counts live in this instance's memory: behind a load balancer each instance counts for
 * itself (the nginx rate limit in front bounds the total).
 */
@Singleton
public class SignInThrottle {

    private static final int MAX_KEY_LENGTH = 320;

    private final AttemptCounter accountFailures;
    private final AttemptCounter addressFailures;
    private final AttemptCounter addressSignUps;

    public SignInThrottle(ThrottleSettings settings) {
        this.accountFailures = new AttemptCounter(settings.accountFailures(), settings.window());
        this.addressFailures = new AttemptCounter(settings.addressFailures(), settings.window());
        this.addressSignUps = new AttemptCounter(settings.addressSignUps(), settings.window());
    }

    /** @throws ThrottledException when the account or the address must wait before another password check */
    public void checkSignIn(String email, String address) {
        long now = System.currentTimeMillis();
        longest(accountFailures.waitTime(accountKey(email), now), addressFailures.waitTime(address, now))
                .ifPresent(wait -> {
                    throw new ThrottledException(wait);
                });
    }

    public void signInFailed(String email, String address) {
        long now = System.currentTimeMillis();
        accountFailures.record(accountKey(email), now);
        addressFailures.record(address, now);
    }

    public void signInSucceeded(String email) {
        accountFailures.forget(accountKey(email));
    }

    /** Counts a sign-up of {@code address}; @throws ThrottledException when it has had its share. */
    public void signUp(String address) {
        long now = System.currentTimeMillis();
        addressSignUps.waitTime(address, now).ifPresent(wait -> {
            throw new ThrottledException(wait);
        });
        addressSignUps.record(address, now);
    }

    @Scheduled(fixedDelay = "1m")
    void forgetExpired() {
        long now = System.currentTimeMillis();
        accountFailures.forgetExpired(now);
        addressFailures.forgetExpired(now);
        addressSignUps.forgetExpired(now);
    }

    /** The normalised email, or for text that is none, the text itself (bounded), so that it is throttled too. */
    private static String accountKey(String email) {
        String raw = email == null ? "" : email;
        return EmailAddresses.normalise(raw).orElseGet(() -> {
            String folded = raw.strip().toLowerCase(Locale.ROOT);
            return folded.length() > MAX_KEY_LENGTH ? folded.substring(0, MAX_KEY_LENGTH) : folded;
        });
    }

    private static Optional<Duration> longest(Optional<Duration> a, Optional<Duration> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().compareTo(b.get()) >= 0 ? a.get() : b.get());
    }
}
