package dev.todolist.api.todo;

import dev.todolist.todo.FieldViolation;
import dev.todolist.todo.Patch;
import dev.todolist.todo.Priority;
import dev.todolist.todo.TodoDraft;
import dev.todolist.todo.TodoPatch;
import dev.todolist.todo.TodoValidationException;
import dev.todolist.api.web.UnicodeText;
import io.micronaut.json.tree.JsonNode;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads request bodies into the domain's inputs. Bodies arrive as JSON trees: in a merge patch
 * "absent" and {@code null} mean different things (RFC 7396), and every member is checked for its
 * JSON type here, so {@code {"title":{"$gt":""}}} is a 400 naming {@code title}, never a query
 * operator, and {@code "completed":"yes"} is refused rather than guessed at.
 */
final class TodoBodies {

    private TodoBodies() {
    }

    /** The domain's input from a request that passed Bean Validation. */
    static TodoDraft draft(TodoRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        LocalDate dueDate = request.dueDate() == null ? null : date(request.dueDate(), violations);
        Priority priority = request.priority() == null ? null : priority(request.priority(), violations);
        if (!violations.isEmpty()) {
            throw new TodoValidationException(violations);
        }
        return new TodoDraft(request.title(), request.completed(), request.order(), dueDate, priority,
                request.tags(), request.notes());
    }

    /**
     * A create or replace body, read strictly: each member must have its JSON type (no coercion of
     * {@code "yes"} to a boolean or of an object to a string). Unknown members are ignored, so a
     * client may send back a todo it read.
     */
    static TodoRequest request(JsonNode body, List<FieldViolation> violations) {
        TodoPatch members = members(body, violations);
        return new TodoRequest(valueOf(members.title()), valueOf(members.completed()), valueOf(members.order()),
                valueOf(members.dueDate().map(LocalDate::toString)),
                valueOf(members.priority().map(Priority::wireName)), valueOf(members.tags()), valueOf(members.notes()));
    }

    static TodoPatch patch(JsonNode body) {
        List<FieldViolation> violations = new ArrayList<>();
        TodoPatch patch = members(body, violations);
        if (!violations.isEmpty()) {
            throw new TodoValidationException(violations);
        }
        return patch;
    }

    /** Each known member of {@code body} with its JSON type checked; what fails is added to {@code violations}. */
    private static TodoPatch members(JsonNode body, List<FieldViolation> violations) {
        if (!body.isObject()) {
            throw new TodoValidationException(List.of(new FieldViolation("", "the body must be a JSON object")));
        }
        return new TodoPatch(
                member(body, "title", violations, "a string", TodoBodies::string),
                member(body, "completed", violations, "true or false",
                        node -> node.isBoolean() ? node.getBooleanValue() : null),
                member(body, "order", violations, "an integer", TodoBodies::integer),
                member(body, "dueDate", violations, "a date like 2030-01-31",
                        node -> node.isString() ? date(node.getStringValue(), violations) : null),
                member(body, "priority", violations, "low, normal or high",
                        node -> node.isString() ? Priority.parse(node.getStringValue()).orElse(null) : null),
                member(body, "tags", violations, "an array of strings", TodoBodies::strings),
                member(body, "notes", violations, "a string", TodoBodies::string));
    }

    private static <T> T valueOf(Patch<T> member) {
        return member.applyTo(null, null);
    }

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
            if (violations.stream().noneMatch(v -> v.field().equals(name))) {
                violations.add(new FieldViolation(name, "must be " + expected));
            }
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
            if (!element.isString() || !UnicodeText.isWellFormed(element.getStringValue())) {
                return null;
            }
            values.add(element.getStringValue());
        }
        return values;
    }

    private static LocalDate date(String text, List<FieldViolation> violations) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation("dueDate", "must be a date like 2030-01-31"));
            return null;
        }
    }

    private static Priority priority(String text, List<FieldViolation> violations) {
        return Priority.parse(text).orElseGet(() -> {
            violations.add(new FieldViolation("priority", "must be low, normal or high"));
            return null;
        });
    }
}
