package dev.todolist.todo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The invariants of a todo, checked on every write whatever the caller validated before:
 * the title is trimmed and 1..500 characters, at most 20 distinct tags of 1..40 characters each
 * (trimmed), notes at most 10 000 characters.
 */
final class TodoRules {

    private TodoRules() {
    }

    /** The todo with its title and tags normalised, or a {@link TodoValidationException} naming every broken rule. */
    static Todo normalised(Todo todo) {
        List<FieldViolation> violations = new ArrayList<>();
        String title = todo.title() == null ? null : todo.title().strip();
        if (title == null) {
            violations.add(new FieldViolation("title", "must not be null"));
        } else if (title.isEmpty()) {
            violations.add(new FieldViolation("title", "must not be blank"));
        } else if (title.length() > TodoLimits.TITLE_MAX) {
            violations.add(new FieldViolation("title", "must be at most " + TodoLimits.TITLE_MAX + " characters"));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < todo.tags().size(); i++) {
            String tag = todo.tags().get(i) == null ? "" : todo.tags().get(i).strip();
            if (tag.isEmpty() || tag.length() > TodoLimits.TAG_MAX) {
                violations.add(new FieldViolation("tags[" + i + "]",
                        "must be 1 to " + TodoLimits.TAG_MAX + " characters"));
            }
            tags.add(tag);
        }
        if (tags.size() > TodoLimits.TAGS_MAX) {
            violations.add(new FieldViolation("tags", "must hold at most " + TodoLimits.TAGS_MAX + " tags"));
        }
        if (todo.notes() != null && todo.notes().length() > TodoLimits.NOTES_MAX) {
            violations.add(new FieldViolation("notes", "must be at most " + TodoLimits.NOTES_MAX + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new TodoValidationException(violations);
        }
        return new Todo(todo.id(), todo.ownerId(), title, todo.completed(), todo.order(), todo.createdAt(),
                todo.updatedAt(), todo.completedAt(), todo.dueDate(), todo.priority(), todo.priorityRank(),
                List.copyOf(tags), todo.notes(), todo.version());
    }
}
