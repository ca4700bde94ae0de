package dev.todolist.api.todo;

import dev.todolist.todo.TodoLimits;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/**
 * The shape of a POST (create), PUT (replace) or PATCH body, for the OpenAPI document only: bodies
 * are read by {@link TodoBodies} straight into the domain's {@code TodoDraft} or {@code TodoPatch},
 * whose rules ({@code TodoRules}, limits from {@link TodoLimits}) are the one check. Fields the
 * server owns ({@code id}, {@code url}, timestamps) are ignored when sent, so a client may send
 * back what it read.
 */
@Schema(name = "TodoInput", description = "A todo as a client writes it")
record TodoInput(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = TodoLimits.TITLE_MAX) String title,
        @Nullable Boolean completed,
        @Nullable Long order,
        @Nullable @Schema(format = "date", example = "2030-01-31") LocalDate dueDate,
        @Nullable @Schema(allowableValues = {"low", "normal", "high"}) String priority,
        @Nullable @ArraySchema(maxItems = TodoLimits.TAGS_MAX,
                schema = @Schema(minLength = 1, maxLength = TodoLimits.TAG_MAX)) List<String> tags,
        @Nullable @Schema(maxLength = TodoLimits.NOTES_MAX) String notes) {
}
