package dev.todolist.todo;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** No todo with this id belongs to this owner (or the id is not an id at all). */
public final class TodoNotFoundException extends ProblemException {

    public TodoNotFoundException(String id) {
        super(ProblemType.NOT_FOUND, "no todo " + id, null);
    }

    @Override
    public String detail(String instance) {
        return "There is no todo at " + instance + ".";
    }
}
