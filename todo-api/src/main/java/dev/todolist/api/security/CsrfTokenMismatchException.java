package dev.todolist.api.security;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** A cookie-authenticated write came without the session's CSRF token (or with another). */
public final class CsrfTokenMismatchException extends ProblemException {

    public CsrfTokenMismatchException() {
        super(ProblemType.CSRF_TOKEN_MISMATCH, "missing or wrong CSRF token", "A write authenticated by the session"
                + " cookie must send the session's csrfToken in the " + CsrfFilter.HEADER + " header.");
    }
}
