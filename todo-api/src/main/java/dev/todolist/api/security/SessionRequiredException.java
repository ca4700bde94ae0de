package dev.todolist.api.security;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** A personal access token was used for an account operation that needs a signed-in session. */
public final class SessionRequiredException extends ProblemException {

    public SessionRequiredException() {
        super(ProblemType.SESSION_REQUIRED, "this operation needs a session, not a personal access token",
                "Personal access tokens only work on todos and GET /api/v1/me; sign in with a password for this.");
    }
}
