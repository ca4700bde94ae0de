package dev.todolist.todo;

import dev.todolist.problem.FieldViolation;
import dev.todolist.problem.InvalidFieldsException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON merge patch of a todo, member by member, valid and normalised by {@link TodoRules} when
 * it is made: whatever todo it is applied to, the result keeps every rule.
 *
 * @throws InvalidFieldsException naming every member that breaks a rule, or removes a field that
 *                                has no default
 */
public record TodoPatch(
        Patch<String> title,
        Patch<Boolean> completed,
        Patch<Long> order,
        Patch<LocalDate> dueDate,
        Patch<Priority> priority,
        Patch<List<String>> tags,
        Patch<String> notes) {

    public TodoPatch {
        List<FieldViolation> violations = new ArrayList<>();
        title = TodoRules.required("title", title, violations).map(value -> TodoRules.title(value, violations));
        completed = TodoRules.required("completed", completed, violations);
        order = TodoRules.required("order", order, violations);
        tags = tags.map(value -> TodoRules.tags(value, violations));
        notes = notes.map(value -> TodoRules.notes(value, violations));
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations);
        }
    }

    public static TodoPatch completing() {
        return new TodoPatch(Patch.absent(), Patch.set(true), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.absent(), Patch.absent());
    }
}
