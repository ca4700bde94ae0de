package dev.todolist.api.account;

import dev.todolist.problem.InvalidFieldsException;
import dev.todolist.api.web.UnicodeText;
import dev.todolist.problem.FieldViolation;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads account request bodies strictly, like the todos' bodies: every member must be a JSON
 * string (or integer) of its own, never an object, so {@code {"email":{"$ne":""}}} is a 400
 * naming {@code email} and can never reach a query as an operator.
 */
final class AccountBodies {

    /** Longer strings are refused unread by any rule: no hashing or lookup work for them. */
    private static final int MAX_STRING = 1024;

    private final JsonNode body;
    private final List<FieldViolation> violations = new ArrayList<>();

    private AccountBodies(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidFieldsException(List.of(new FieldViolation("", "the body must be a JSON object")));
        }
        this.body = body;
    }

    static AccountBodies of(JsonNode body) {
        return new AccountBodies(body);
    }

    /** The body of a sign-up and of a sign-in alike. */
    record Credentials(String email, String password) {
    }

    /** @throws InvalidFieldsException unless the body is {@code {"email", "password"}} */
    static Credentials credentials(JsonNode body) {
        AccountBodies fields = of(body);
        Credentials credentials = new Credentials(fields.string("email"), fields.string("password"));
        fields.requireValid();
        return credentials;
    }

    String string(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation(name, "is required"));
            return null;
        }
        if (!node.isString()) {
            violations.add(new FieldViolation(name, "must be a string"));
            return null;
        }
        String value = node.getStringValue();
        if (!UnicodeText.isWellFormed(value)) {
            violations.add(new FieldViolation(name, "must be well-formed Unicode (no unpaired surrogates)"));
            return null;
        }
        if (value.length() > MAX_STRING) {
            violations.add(new FieldViolation(name, "must be at most " + MAX_STRING + " characters"));
            return null;
        }
        return value;
    }

    Integer integer(String name, int min, int max) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            violations.add(new FieldViolation(name, "is required"));
            return null;
        }
        if (!node.isNumber() || node.getDoubleValue() != Math.rint(node.getDoubleValue())
                || node.getDoubleValue() < min || node.getDoubleValue() > max) {
            violations.add(new FieldViolation(name, "must be an integer from " + min + " to " + max));
            return null;
        }
        return node.getIntValue();
    }

    /** @throws InvalidFieldsException naming every member that was missing or mistyped */
    void requireValid() {
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations);
        }
    }
}
