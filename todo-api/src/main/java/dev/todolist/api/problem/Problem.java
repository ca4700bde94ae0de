package dev.todolist.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.todolist.problem.FieldViolation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem details document ({@code application/problem+json}).
 *
 * @param type     a stable URI per kind of error, see {@link ProblemType}
 * @param errors   for validation problems: every failing field
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        @Nullable String detail,
        @Nullable String instance,
        @Nullable List<FieldViolation> errors) {
}
