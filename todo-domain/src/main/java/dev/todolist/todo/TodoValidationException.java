package dev.todolist.todo;

import java.util.List;

/** The input breaks the rules of a todo; every failing field is listed. */
public final class TodoValidationException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public TodoValidationException(List<FieldViolation> violations) {
        super("invalid todo: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
