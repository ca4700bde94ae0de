package dev.todolist.api.account;

import dev.todolist.account.AttemptLog;
import dev.todolist.account.EmailAddresses;
import dev.todolist.account.InvalidCredentialsException;
import dev.todolist.api.web.ClientAddresses;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Throttles password guessing: per account (the email, registered or not, so that a lock-out
 * tells nothing about registration), per client address across all accounts (spraying), and
 * sign-ups per address. A locked account refuses even the right password until the window
 * moves on, so a guesser learns nothing from trying it. A successful sign-in clears its
 * account's failures but not its address's, so that one known account cannot launder a spray.
 *
 * <p>Attempts are counted in MongoDB ({@link AttemptLog}), so the limits hold across every instance
 * of the service behind a load balancer. Two concurrent guesses may both pass the check before
 * either is recorded: the limit can be overrun by the number of requests in flight, never more.
 */
@Singleton
public class SignInThrottle {

    private static final int MAX_KEY_LENGTH = 320;

    private final AttemptLog.Counter accountFailures;
    private final AttemptLog.Counter addressFailures;
    private final AttemptLog.Counter addressSignUps;
    private final ClientAddresses addresses;

    public SignInThrottle(ThrottleSettings settings, ClientAddresses addresses, AttemptLog attempts) {
        this.addresses = addresses;
        this.accountFailures = attempts.counter("sign-in-account", settings.accountFailures(), settings.window());
        this.addressFailures = attempts.counter("sign-in-address", settings.addressFailures(), settings.window());
        this.addressSignUps = attempts.counter("sign-up-address", settings.addressSignUps(), settings.window());
    }

    /**
     * Runs {@code check}, a check of {@code email}'s password sent by {@code request}: refused while
     * the account or the client's address must wait, and a wrong password is counted against both.
     *
     * @throws ThrottledException          when the account or the address must wait first
     * @throws InvalidCredentialsException from {@code check}, once counted
     */
    <T> T passwordCheck(HttpRequest<?> request, String email, Supplier<T> check) {
        String address = addresses.throttleKey(request);
        checkSignIn(email, address);
        try {
            return check.get();
        } catch (InvalidCredentialsException e) {
            signInFailed(email, address);
            throw e;
        }
    }

    private void checkSignIn(String email, String address) {
        longest(accountFailures.waitTime(accountKey(email)), addressFailures.waitTime(address))
                .ifPresent(wait -> {
                    throw new ThrottledException(wait);
                });
    }

    private void signInFailed(String email, String address) {
        accountFailures.record(accountKey(email));
        addressFailures.record(address);
    }

    void signInSucceeded(String email) {
        accountFailures.forget(accountKey(email));
    }

    /** Counts a sign-up from {@code request}'s client; @throws ThrottledException when it has had its share. */
    void signUp(HttpRequest<?> request) {
        String address = addresses.throttleKey(request);
        addressSignUps.waitTime(address).ifPresent(wait -> {
            throw new ThrottledException(wait);
        });
        addressSignUps.record(address);
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
