package dev.todolist.account;

import dev.todolist.todo.FieldViolation;

import java.util.List;

/** Sign-up, password or token input that breaks an account rule; lists every failing field. */
public final class AccountValidationException extends RuntimeException {

    private final List<FieldViolation> violations;

    public AccountValidationException(List<FieldViolation> violations) {
        super("invalid fields: " + violations.stream().map(FieldViolation::field).toList());
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
