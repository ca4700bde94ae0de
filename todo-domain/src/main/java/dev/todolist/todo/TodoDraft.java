package dev.todolist.todo;

import dev.todolist.problem.FieldViolation;
import dev.todolist.problem.InvalidFieldsException;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a caller may set on a todo, for create (POST) and replace (PUT), valid and normalised
 * by {@link TodoRules} when it is made. Unset optional fields take their defaults: not completed,
 * normal priority, no tags, no notes, no due date, and on create the next {@code order} after the
 * owner's last todo.
 *
 * @throws InvalidFieldsException naming every field that breaks a rule
 */
public record TodoDraft(
        String title,
        @Nullable Boolean completed,
        @Nullable Long order,
        @Nullable LocalDate dueDate,
        @Nullable Priority priority,
        @Nullable List<String> tags,
        @Nullable String notes) {

    public TodoDraft {
        List<FieldViolation> violations = new ArrayList<>();
        title = TodoRules.title(title, violations);
        tags = TodoRules.tags(tags, violations);
        notes = TodoRules.notes(notes, violations);
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations);
        }
    }
}
