package dev.todolist.todo;

import dev.todolist.problem.FieldViolation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a todo's fields, each written once, with its limit from {@link TodoLimits}: the
 * title is trimmed and 1..500 characters, at most 20 tags of 1..40 characters each (trimmed,
 * duplicates dropped), notes at most 10 000 characters. {@link TodoDraft} and {@link TodoPatch}
 * apply them when they are made, so that no invalid input reaches {@link TodoService}.
 *
 * <p>Each method returns the normalised value, or adds a violation to {@code violations} for
 * every broken rule.
 */
final class TodoRules {

    private TodoRules() {
    }

    static String title(String title, List<FieldViolation> violations) {
        if (title == null) {
            violations.add(new FieldViolation("title", "must not be null"));
            return null;
        }
        String stripped = title.strip();
        if (stripped.isEmpty()) {
            violations.add(new FieldViolation("title", "must not be blank"));
        } else if (stripped.length() > TodoLimits.TITLE_MAX) {
            violations.add(new FieldViolation("title", "must be at most " + TodoLimits.TITLE_MAX + " characters"));
        }
        return stripped;
    }

    static List<String> tags(List<String> tags, List<FieldViolation> violations) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > TodoLimits.TAGS_MAX) {
            violations.add(new FieldViolation("tags", "must hold at most " + TodoLimits.TAGS_MAX + " tags"));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i) == null ? "" : tags.get(i).strip();
            if (tag.isEmpty() || tag.length() > TodoLimits.TAG_MAX) {
                violations.add(new FieldViolation("tags[" + i + "]", "must be 1 to " + TodoLimits.TAG_MAX + " characters"));
            }
            distinct.add(tag);
        }
        return List.copyOf(distinct);
    }

    static String notes(String notes, List<FieldViolation> violations) {
        if (notes != null && notes.length() > TodoLimits.NOTES_MAX) {
            violations.add(new FieldViolation("notes", "must be at most " + TodoLimits.NOTES_MAX + " characters"));
        }
        return notes;
    }

    /** A merge patch's {@code null} on a field that has no default to reset to. */
    static <T> Patch<T> required(String field, Patch<T> patch, List<FieldViolation> violations) {
        if (patch instanceof Patch.Remove<T>) {
            violations.add(new FieldViolation(field, "must not be null"));
        }
        return patch;
    }
}
