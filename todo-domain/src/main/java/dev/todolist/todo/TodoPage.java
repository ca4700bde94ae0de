package dev.todolist.todo;

import java.util.List;

/** One page of a list and the number of todos that match the whole query. */
public record TodoPage(List<Todo> items, long total, int page, int size) {

    /** The number of the last page; 1 when nothing matches, so that "first" and "last" always exist. */
    public int lastPage() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
