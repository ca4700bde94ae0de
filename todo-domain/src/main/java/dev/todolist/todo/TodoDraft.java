package dev.todolist.todo;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything a caller may set on a todo, for create (POST) and replace (PUT). Unset optional
 * fields take their defaults: not completed, normal priority, no tags, no notes, no due date,
 * and on create the next {@code order} after the owner's last todo.
 */
public record TodoDraft(
        @Nullable String title,
        @Nullable Boolean completed,
        @Nullable Long order,
        @Nullable LocalDate dueDate,
        @Nullable Priority priority,
        @Nullable List<String> tags,
        @Nullable String notes) {
}
