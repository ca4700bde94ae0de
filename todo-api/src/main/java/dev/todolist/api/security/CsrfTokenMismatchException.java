package dev.todolist.api.security;

/** A cookie-authenticated write came without the session's CSRF token (or with another). */
public final class CsrfTokenMismatchException extends RuntimeException {

    public CsrfTokenMismatchException() {
        super("missing or wrong CSRF token");
    }
}
