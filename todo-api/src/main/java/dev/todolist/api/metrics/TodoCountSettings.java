package dev.todolist.api.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the todo-count gauges.
 *
 * @param collection the collection that holds the todos
 * @param database   the database when {@code mongodb.uri} names none
 */
@ConfigurationProperties("todolist.metrics.todos")
public record TodoCountSettings(@Bindable(defaultValue = "todos") String collection,
                                @Bindable(defaultValue = "todolist") String database) {
}
