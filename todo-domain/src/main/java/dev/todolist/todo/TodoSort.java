package dev.todolist.todo;

import java.util.Arrays;
import java.util.Optional;

/**
 * The orders a list can come in. Each is backed by an index on {@code (ownerId, field, _id)}, see
 * {@link TodoIndexes}; {@code _id} breaks ties so that pages never overlap or skip.
 */
public enum TodoSort {
    ORDER("order", "order"),
    CREATED_AT("createdAt", "createdAt"),
    DUE_DATE("dueDate", "dueDate"),
    PRIORITY("priority", "priorityRank");

    private final String parameter;
    private final String field;

    TodoSort(String parameter, String field) {
        this.parameter = parameter;
        this.field = field;
    }

    /** The name callers use, e.g. {@code dueDate}. */
    public String parameter() {
        return parameter;
    }

    /** The stored field the index and the sort use. */
    public String field() {
        return field;
    }

    public static Optional<TodoSort> parse(String parameter) {
        return Arrays.stream(values()).filter(s -> s.parameter.equals(parameter)).findFirst();
    }
}
