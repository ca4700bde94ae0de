package dev.todolist.api.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the health checks.
 *
 * @param databaseTimeout how long a health check waits for the database's answer to {@code ping}
 *                        before it reports the database as disconnected
 */
@ConfigurationProperties("todolist.health")
public record HealthSettings(@Bindable(defaultValue = "2s") Duration databaseTimeout) {
}
