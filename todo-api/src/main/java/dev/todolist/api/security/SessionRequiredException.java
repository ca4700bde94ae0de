package dev.todolist.api.security;

/** A personal access token was used for an account operation that needs a signed-in session. */
public final class SessionRequiredException extends RuntimeException {

    public SessionRequiredException() {
        super("this operation needs a session, not a personal access token");
    }
}
