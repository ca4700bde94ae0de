package dev.todolist.api.todo;

import dev.todolist.api.web.UnicodeText;
import dev.todolist.problem.FieldViolation;
import dev.todolist.problem.InvalidFieldsException;
import dev.todolist.todo.Patch;
import dev.todolist.todo.Priority;
import dev.todolist.todo.TodoDraft;
import dev.todolist.todo.TodoPatch;
import io.micronaut.json.tree.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads request bodies into the domain's inputs in one pass: each member's JSON type is checked
 * here, then {@link TodoDraft} or {@link TodoPatch} applies the todo's rules as it is made, and
 * one 400 lists every failing field of both. Bodies arrive as JSON trees: in a merge patch
 * "absent" and {@code null} mean different things (RFC 7396), and a member of the wrong type is
 * refused rather than coerced, so {@code {"title":{"$gt":""}}} is a 400 naming {@code title},
 * never a query operator, and {@code "completed":"yes"} is never taken for true. Unknown members
 * are ignored, so a client may send back a todo it read.
 */
final class TodoBodies {

    private TodoBodies() {
    }

    /** A create or replace body. */
    static TodoDraft draft(JsonNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        Members members = members(body, violations);
        return valid(violations, () -> new TodoDraft(valueOf(members.title()), valueOf(members.completed()),
                valueOf(members.order()), valueOf(members.dueDate()), valueOf(members.priority()),
                valueOf(members.tags()), valueOf(members.notes())));
    }

    /** A merge patch body. */
    static TodoPatch patch(JsonNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        Members members = members(body, violations);
        return valid(violations, () -> new TodoPatch(members.title(), members.completed(), members.order(),
                members.dueDate(), members.priority(), members.tags(), members.notes()));
    }

    /** The members as the JSON had them, each of its expected type or absent (its violation listed). */
    private record Members(Patch<String> title, Patch<Boolean> completed, Patch<Long> order, Patch<LocalDate> dueDate,
                           Patch<Priority> priority, Patch<List<String>> tags, Patch<String> notes) {
    }

    /**
     * The domain's input, or an {@link InvalidFieldsException} listing the mistyped members and
     * the rules the others break; a mistyped member is reported once, as mistyped.
     */
    private static <T> T valid(List<FieldViolation> mistyped, Supplier<T> input) {
        try {
            T value = input.get();
            if (mistyped.isEmpty()) {
                return value;
            }
        } catch (InvalidFieldsException broken) {
            Set<String> reported = mistyped.stream().map(FieldViolation::field).collect(Collectors.toSet());
            broken.violations().stream().filter(v -> !reported.contains(v.field())).forEach(mistyped::add);
        }
        throw new InvalidFieldsException(mistyped);
    }

    private static Members members(JsonNode body, List<FieldViolation> violations) {
        if (!body.isObject()) {
            throw new InvalidFieldsException(List.of(new FieldViolation("", "the body must be a JSON object")));
        }
        return new Members(
                member(body, "title", violations, "a string", TodoBodies::string),
                member(body, "completed", violations, "true or false",
                        node -> node.isBoolean() ? node.getBooleanValue() : null),
                member(body, "order", violations, "an integer", TodoBodies::integer),
                member(body, "dueDate", violations, "a date like 2030-01-31", TodoBodies::date),
                member(body, "priority", violations, "low, normal or high",
                        node -> node.isString() ? Priority.parse(node.getStringValue()).orElse(null) : null),
                member(body, "tags", violations, "an array of strings", TodoBodies::strings),
                member(body, "notes", violations, "a string", TodoBodies::string));
    }

    private static <T> T valueOf(Patch<T> member) {
        return member.applyTo(null, null);
    }

    /** Absent, removed ({@code null}), or the value {@code reader} makes of it; null from the reader is a wrong type. */
    private static <T> Patch<T> member(JsonNode body, String name, List<FieldViolation> violations, String expected,
                                       Function<JsonNode, T> reader) {
        JsonNode node = body.get(name);
        if (node == null) {
            return Patch.absent();
        }
        if (node.isNull()) {
            return Patch.remove();
        }
        T value = reader.apply(node);
        if (value == null) {
            violations.add(new FieldViolation(name, "must be " + expected));
            return Patch.absent();
        }
        return Patch.set(value);
    }

    private static String string(JsonNode node) {
        return node.isString() && UnicodeText.isWellFormed(node.getStringValue()) ? node.getStringValue() : null;
    }

    private static Long integer(JsonNode node) {
        if (!node.isNumber()) {
            return null;
        }
        double value = node.getDoubleValue();
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? node.getLongValue() : null;
    }

    private static List<String> strings(JsonNode node) {
        if (!node.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node.values()) {
            String value = string(element);
            if (value == null) {
                return null;
            }
            values.add(value);
        }
        return values;
    }

    private static LocalDate date(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        try {
            return LocalDate.parse(node.getStringValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
