package dev.todolist.problem;

import java.util.List;
import java.util.Map;

/**
 * An error that knows how the API reports it: its {@link ProblemType} (and with it the status),
 * the detail a client is shown and any headers that go with it. Every exception the domain or the
 * API throws on purpose extends this; one handler in the API turns any of them into
 * {@code application/problem+json}, so adding an error is adding an exception (and, for a new
 * kind, a {@link ProblemType}), never a handler.
 *
 * <p>The exception's message is for logs; {@link #detail} is for the client, and never carries
 * an internal message or an id the client did not send.
 */
public abstract class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;

    protected ProblemException(ProblemType type, String message, String detail) {
        super(message);
        this.type = type;
        this.detail = detail;
    }

    public final ProblemType type() {
        return type;
    }

    /** The detail shown to the client; {@code instance} is the request's path. */
    public String detail(String instance) {
        return detail;
    }

    /** Every failing field, for validation problems; null when the problem is not about fields. */
    public List<FieldViolation> violations() {
        return null;
    }

    /** Headers the response carries beside the problem, e.g. {@code Retry-After}. */
    public Map<String, String> headers() {
        return Map.of();
    }
}
