package dev.todolist.todo;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

import java.util.Map;

/** The caller's expected version (If-Match) is not the stored one: someone else changed the todo. */
public final class TodoPreconditionFailedException extends ProblemException {

    private final long currentVersion;

    public TodoPreconditionFailedException(String id, long currentVersion) {
        super(ProblemType.PRECONDITION_FAILED, "todo " + id + " is at version " + currentVersion,
                "If-Match does not name the current version; read the todo again and retry.");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }

    /** The current ETag lets a client that lost the race see which version won. */
    @Override
    public Map<String, String> headers() {
        return Map.of("ETag", EntityTags.of(currentVersion));
    }
}
