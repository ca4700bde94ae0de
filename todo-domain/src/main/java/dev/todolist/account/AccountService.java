package dev.todolist.account;

import dev.todolist.problem.InvalidFieldsException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import dev.todolist.problem.FieldViolation;
import dev.todolist.todo.TodoService;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accounts: sign-up, password check, password change and deletion.
 *
 * <p>Nothing here tells whether an email is registered. Sign-up of a taken email does exactly
 * what a new one does (hash the password, insert) and returns the same way: the unique index
 * refuses the insert and the refusal is swallowed. A sign-in with an unknown email verifies the
 * password against a decoy hash, so it takes as long as a wrong password for a real account, and
 * both fail with the same {@link InvalidCredentialsException}.
 */
@Singleton
public class AccountService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final SessionService sessions;
    private final AccessTokenService accessTokens;
    private final TodoService todos;
    private final AccountIndexes indexes;

    public AccountService(UserRepository users, PasswordHasher hasher, PasswordPolicy policy, SessionService sessions,
                          AccessTokenService accessTokens, TodoService todos, AccountIndexes indexes) {
        this.indexes = indexes;
        this.users = users;
        this.hasher = hasher;
        this.policy = policy;
        this.sessions = sessions;
        this.accessTokens = accessTokens;
        this.todos = todos;
    }

    /**
     * Registers {@code email} with {@code password} unless the email is taken, in which case
     * nothing changes; either way it returns normally.
     *
     * @throws InvalidFieldsException when the email or the password breaks a rule
     */
    public void signUp(String rawEmail, String password) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<String> email = EmailAddresses.normalise(rawEmail);
        if (email.isEmpty()) {
            violations.add(new FieldViolation("email", "must be an email address of at most "
                    + EmailAddresses.MAX_LENGTH + " characters"));
        }
        policy.violation("password", password, email.orElse(null)).ifPresent(violations::add);
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations);
        }
        Instant now = Ids.now();
        User user = new User(null, email.get(), hasher.hash(password), now, now);
        indexes.ensureCreated();
        try {
            users.save(user);
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
        }
    }

    /**
     * The account of {@code rawEmail} when {@code password} is its password.
     *
     * @throws InvalidCredentialsException otherwise, whether the email is unknown or the password wrong
     */
    public User authenticate(String rawEmail, String password) {
        Optional<User> user = EmailAddresses.normalise(rawEmail)
                .flatMap(email -> users.findOne(Filters.eq("email", email)));
        if (user.isEmpty()) {
            hasher.spendVerificationTime(password);
            throw new InvalidCredentialsException();
        }
        if (!hasher.matches(password, user.get().passwordHash())) {
            throw new InvalidCredentialsException();
        }
        if (hasher.needsRehash(user.get().passwordHash())) {
            // The cost was changed since this hash was made: the password is at hand, renew it now.
            User current = user.get();
            return users.update(new User(current.id(), current.email(), hasher.hash(password), current.createdAt(),
                    current.passwordChangedAt()));
        }
        return user.get();
    }

    public Optional<User> find(String userId) {
        return Ids.objectId(userId).flatMap(id -> users.findOne(Filters.eq("_id", id)));
    }

    /**
     * Replaces the password after checking the current one, then closes every other session of
     * the account and revokes every personal access token: a password change is what an owner
     * does after a compromise, and a stolen session or script token must not outlive it.
     */
    public PasswordChange changePassword(String userId, String currentPassword, String newPassword, String keptSessionId) {
        User user = verified(userId, currentPassword);
        policy.violation("newPassword", newPassword, user.email()).ifPresent(violation -> {
            throw new InvalidFieldsException(List.of(violation));
        });
        users.update(new User(user.id(), user.email(), hasher.hash(newPassword), user.createdAt(), Ids.now()));
        return new PasswordChange(sessions.closeAllExcept(userId, keptSessionId), accessTokens.revokeAll(userId));
    }

    /** What a password change ended: the account's other sessions and all its access tokens. */
    public record PasswordChange(long sessionsEnded, long accessTokensRevoked) {
    }

    /**
     * Deletes the account after checking its password: first its sessions and tokens (so that
     * nothing can act for it any more), then its todos, the account itself last, so that an
     * interrupted deletion can simply be asked for again.
     */
    public void delete(String userId, String password) {
        verified(userId, password);
        sessions.closeAllExcept(userId, null);
        accessTokens.revokeAll(userId);
        todos.clear(userId);
        users.deleteAll(Filters.eq("_id", Ids.objectId(userId).orElseThrow()));
    }

    private User verified(String userId, String password) {
        User user = find(userId).orElseThrow(InvalidCredentialsException::new);
        if (password == null || !hasher.matches(password, user.passwordHash())) {
            throw new InvalidCredentialsException();
        }
        return user;
    }

    private static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
            if (t instanceof MongoServerException server && server.getCode() == 11000) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
