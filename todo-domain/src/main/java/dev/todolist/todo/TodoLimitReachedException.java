package dev.todolist.todo;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;

/** The account already holds as many todos as one account may ({@code TODOLIST_TODOS_MAX_PER_ACCOUNT}). */
public final class TodoLimitReachedException extends ProblemException {

    public TodoLimitReachedException(int limit) {
        super(ProblemType.TODO_LIMIT_REACHED, "todo limit of " + limit + " reached",
                "An account holds at most " + limit + " todos; delete some before creating more.");
    }
}
