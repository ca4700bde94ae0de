package dev.todolist.todo;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * Page sizes of todo lists: lists are always bounded, so that no request loads a whole collection.
 *
 * @param defaultPageSize the size when a caller gives none
 * @param maxPageSize     the largest size a caller may ask for; larger requests are capped to it
 */
@ConfigurationProperties("todolist.todos")
public record TodoListSettings(
        @Bindable(defaultValue = "100") @Min(1) int defaultPageSize,
        @Bindable(defaultValue = "500") @Min(1) int maxPageSize) {

    public int cap(Integer requested) {
        int size = requested == null ? defaultPageSize : requested;
        return Math.max(1, Math.min(size, maxPageSize));
    }
}
