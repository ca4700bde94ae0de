package dev.todolist.todo;

/** No todo with this id belongs to this owner (or the id is not an id at all). */
public final class TodoNotFoundException extends RuntimeException {

    public TodoNotFoundException(String id) {
        super("no todo " + id);
    }
}
