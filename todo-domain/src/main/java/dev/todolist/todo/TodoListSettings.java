package dev.todolist.todo;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * Bounds of todo lists: pages, so that no request loads a whole collection, and the size of one
 * account's list, so that one account cannot fill the database for everybody.
 *
 * @param defaultPageSize the size when a caller gives none
 * @param maxPageSize     the largest size a caller may ask for; larger requests are capped to it
 * @param maxPerAccount   todos one account may hold; a create beyond it is refused (concurrent creates
 *                        may overshoot it by the number of them in flight)
 */
@ConfigurationProperties("todolist.todos")
public record TodoListSettings(
        @Bindable(defaultValue = "100") @Min(1) int defaultPageSize,
        @Bindable(defaultValue = "500") @Min(1) int maxPageSize,
        @Bindable(defaultValue = "10000") @Min(1) int maxPerAccount) {

    public int cap(Integer requested) {
        int size = requested == null ? defaultPageSize : requested;
        return Math.max(1, Math.min(size, maxPageSize));
    }
}
