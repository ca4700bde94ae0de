package dev.todolist.api;

/**
 * A configuration that must not serve: thrown while the context starts (by a check that needs the
 * resolved configuration, which the process environment alone does not give), and reported by
 * {@code main} like the environment's refusals: one line on stderr, exit status 2, no stack trace.
 */
public class StartRefusedException extends RuntimeException {

    public StartRefusedException(String reason) {
        super(reason, null, false, false);
    }
}
