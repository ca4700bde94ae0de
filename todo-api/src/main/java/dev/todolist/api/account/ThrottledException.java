package dev.todolist.api.account;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

import java.time.Duration;
import java.util.Map;

/** Too many attempts: answered 429 with {@code Retry-After}. */
public final class ThrottledException extends ProblemException {

    private final long retryAfterSeconds;

    public ThrottledException(Duration retryAfter) {
        this(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    private ThrottledException(long retryAfterSeconds) {
        super(ProblemType.TOO_MANY_REQUESTS, "too many attempts", "Retry in " + retryAfterSeconds + " seconds.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
