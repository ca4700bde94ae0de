package dev.todolist.todo;

/** The caller's expected version (If-Match) is not the stored one: someone else changed the todo. */
public final class TodoPreconditionFailedException extends RuntimeException {

    private final long currentVersion;

    public TodoPreconditionFailedException(String id, long currentVersion) {
        super("todo " + id + " is at version " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
