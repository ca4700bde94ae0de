package dev.todolist.todo;

/** Concurrent writers kept changing the todo while an unconditional update was being applied. */
public final class TodoConflictException extends RuntimeException {

    public TodoConflictException(String id) {
        super("todo " + id + " kept changing under concurrent writers");
    }
}
