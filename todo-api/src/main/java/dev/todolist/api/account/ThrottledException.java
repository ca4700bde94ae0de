package dev.todolist.api.account;

import java.time.Duration;

/** Too many attempts: answered 429 with {@code Retry-After}. */
public final class ThrottledException extends RuntimeException {

    private final Duration retryAfter;

    public ThrottledException(Duration retryAfter) {
        super("too many attempts");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
