package dev.todolist.api.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.todolist.todo.Todo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A todo as the API shows it; {@code url} is where to GET, PATCH, PUT or DELETE it. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Todo")
public record TodoResponse(
        String id,
        String url,
        String title,
        boolean completed,
        long order,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        @Nullable LocalDate dueDate,
        @Schema(allowableValues = {"low", "normal", "high"}) String priority,
        List<String> tags,
        @Nullable String notes) {

    static TodoResponse of(Todo todo, String url) {
        return new TodoResponse(todo.id(), url, todo.title(), todo.completed(), todo.order(), todo.createdAt(),
                todo.updatedAt(), todo.completedAt(), todo.dueDate(), todo.priority().wireName(), todo.tags(),
                todo.notes());
    }
}
