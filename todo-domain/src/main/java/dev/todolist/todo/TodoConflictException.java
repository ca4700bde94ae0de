package dev.todolist.todo;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** Concurrent writers kept changing the todo while an unconditional update was being applied. */
public final class TodoConflictException extends ProblemException {

    public TodoConflictException(String id) {
        super(ProblemType.CONFLICT, "todo " + id + " kept changing under concurrent writers",
                "Other writers kept changing this todo; retry.");
    }
}
