package dev.todolist.problem;

import java.util.List;

/** Input that breaks the rules of a todo or an account; every failing field is listed. */
public final class InvalidFieldsException extends ProblemException {

    private final transient List<FieldViolation> violations;

    public InvalidFieldsException(List<FieldViolation> violations) {
        super(ProblemType.VALIDATION, "invalid fields: " + violations.stream().map(FieldViolation::field).toList(),
                "Some fields are invalid.");
        this.violations = List.copyOf(violations);
    }

    @Override
    public List<FieldViolation> violations() {
        return violations;
    }
}
