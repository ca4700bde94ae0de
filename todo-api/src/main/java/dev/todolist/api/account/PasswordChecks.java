package dev.todolist.api.account;

import dev.todolist.account.AccountService;
import dev.todolist.account.EmailAddresses;
import dev.todolist.account.InvalidCredentialsException;
import dev.todolist.account.User;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;

import java.util.function.Supplier;

/**
 * The account operations that take a password, each behind {@link SignInThrottle}: sign-up
 * (counted per client address), sign-in, and the current password that confirms a signed-in
 * caller's password change or account deletion (throttled like a sign-in of that account).
 * Controllers call these, never the throttle, so that no password check can skip it.
 */
@Singleton
public class PasswordChecks {

    private final AccountService accounts;
    private final SignInThrottle throttle;

    public PasswordChecks(AccountService accounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    /** Creates the account unless the email is taken; answers the normalised email either way. */
    String signUp(HttpRequest<?> request, AccountBodies.Credentials credentials) {
        throttle.signUp(request);
        accounts.signUp(credentials.email(), credentials.password());
        return EmailAddresses.normalise(credentials.email()).orElseThrow();
    }

    /** The account these credentials open; a success clears the account's failures. */
    User signIn(HttpRequest<?> request, AccountBodies.Credentials credentials) {
        User user = throttle.passwordCheck(request, credentials.email(),
                () -> accounts.authenticate(credentials.email(), credentials.password()));
        throttle.signInSucceeded(credentials.email());
        return user;
    }

    /** Runs an operation on {@code userId}'s account that checks its current password. */
    <T> T confirmed(HttpRequest<?> request, String userId, Supplier<T> operation) {
        String email = accounts.find(userId).map(User::email).orElseThrow(() -> new AuthorizationException(null));
        try {
            return throttle.passwordCheck(request, email, operation);
        } catch (InvalidCredentialsException e) {
            throw new WrongPasswordException();
        }
    }
}
