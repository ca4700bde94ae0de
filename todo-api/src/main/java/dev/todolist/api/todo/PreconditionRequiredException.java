package dev.todolist.api.todo;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** A replacing write came without {@code If-Match}, which could silently overwrite a concurrent change. */
public final class PreconditionRequiredException extends ProblemException {

    public PreconditionRequiredException(String detail) {
        super(ProblemType.PRECONDITION_REQUIRED, detail, detail);
    }
}
