package dev.todolist.todo;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;

/**
 * Which of an owner's todos to list and in which order. {@code page} counts from 1; {@code size}
 * is already capped by the caller's settings ({@link TodoListSettings}).
 *
 * @param completed only todos with this completion state
 * @param tag       only todos carrying this tag
 * @param search    only todos whose title contains this text (case-insensitive, taken literally)
 * @param dueBefore only todos due strictly before this date
 */
public record TodoQuery(
        @Nullable Boolean completed,
        @Nullable String tag,
        @Nullable String search,
        @Nullable LocalDate dueBefore,
        TodoSort sort,
        boolean descending,
        int page,
        int size) {
}
