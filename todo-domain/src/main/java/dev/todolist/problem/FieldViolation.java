package dev.todolist.problem;

import io.micronaut.serde.annotation.Serdeable;

/** One field of a request that breaks a rule, e.g. {@code title}: "must not be blank". */
@Serdeable
public record FieldViolation(String field, String message) {
}
