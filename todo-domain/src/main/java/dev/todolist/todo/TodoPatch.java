package dev.todolist.todo;

import java.time.LocalDate;
import java.util.List;

/** A JSON merge patch of a todo, member by member. */
public record TodoPatch(
        Patch<String> title,
        Patch<Boolean> completed,
        Patch<Long> order,
        Patch<LocalDate> dueDate,
        Patch<Priority> priority,
        Patch<List<String>> tags,
        Patch<String> notes) {

    public static TodoPatch completing() {
        return new TodoPatch(Patch.absent(), Patch.set(true), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.absent(), Patch.absent());
    }
}
