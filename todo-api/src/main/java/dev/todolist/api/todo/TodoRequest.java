package dev.todolist.api.todo;

import dev.todolist.todo.TodoLimits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * The body of POST (create) and PUT (replace), once {@link TodoBodies} has read it with strict
 * JSON types; its Bean Validation constraints are the edge check of every field. Fields the server
 * owns ({@code id}, {@code url}, timestamps) are ignored when sent, so a client may send back what
 * it read.
 */
@Serdeable
@Schema(name = "TodoInput", description = "A todo as a client writes it")
public record TodoRequest(
        @NotNull @Size(min = 1, max = TodoLimits.TITLE_MAX) String title,
        @Nullable Boolean completed,
        @Nullable Long order,
        @Nullable @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date like 2030-01-31")
        @Schema(format = "date", example = "2030-01-31") String dueDate,
        @Nullable @Pattern(regexp = "low|normal|high", message = "must be low, normal or high") String priority,
        @Nullable @Size(max = TodoLimits.TAGS_MAX) List<@NotNull @Size(min = 1, max = TodoLimits.TAG_MAX) String> tags,
        @Nullable @Size(max = TodoLimits.NOTES_MAX) String notes) {
}
