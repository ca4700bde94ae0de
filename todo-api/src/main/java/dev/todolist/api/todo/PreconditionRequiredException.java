package dev.todolist.api.todo;

/** A replacing write came without {@code If-Match}, which could silently overwrite a concurrent change. */
public final class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException(String message) {
        super(message);
    }
}
