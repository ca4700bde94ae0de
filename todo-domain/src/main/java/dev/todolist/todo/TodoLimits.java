package dev.todolist.todo;

/** The bounds of a todo's fields, shared by the request records' Bean Validation and the domain rules. */
public final class TodoLimits {

    public static final int TITLE_MAX = 500;
    public static final int TAGS_MAX = 20;
    public static final int TAG_MAX = 40;
    public static final int NOTES_MAX = 10_000;
    public static final int SEARCH_MAX = 200;

    private TodoLimits() {
    }
}
