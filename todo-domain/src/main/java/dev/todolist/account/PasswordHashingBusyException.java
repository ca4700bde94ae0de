package dev.todolist.account;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

import java.util.Map;

/**
 * Every password-hashing slot is busy and the short queue before them is full: the caller should
 * retry in a moment. Refusing at once keeps a burst of sign-ins from holding every request thread.
 */
public final class PasswordHashingBusyException extends ProblemException {

    /** Hashes take tens of milliseconds: a second is plenty for the queue to move. */
    private static final String RETRY_AFTER_SECONDS = "1";

    public PasswordHashingBusyException() {
        super(ProblemType.SERVICE_UNAVAILABLE, "password hashing is saturated",
                "Too many password checks are running; retry in a second.");
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", RETRY_AFTER_SECONDS);
    }
}
