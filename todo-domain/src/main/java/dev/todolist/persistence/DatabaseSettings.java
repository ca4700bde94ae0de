package dev.todolist.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * How the service talks to MongoDB. The defaults favour durability and fast failure: a write is
 * acknowledged once a majority journaled it; a database that does not answer turns into a 503
 * within seconds rather than a hanging request; the pool stays far below the plan's 100
 * simultaneous connections. Options written in {@code MONGODB_URI} itself win over these.
 *
 * @param writeConcern           {@code majority}, or a number of members
 * @param journal                wait for the journal before acknowledging a write
 * @param maxPoolSize            connections per service instance
 * @param maxWaitTime            how long a request waits for a free pooled connection
 * @param serverSelectionTimeout how long to look for a usable server before failing
 * @param connectTimeout         TCP connect timeout
 * @param socketTimeout          how long to wait for the answer to one command
 */
@ConfigurationProperties("todolist.mongodb")
public record DatabaseSettings(
        @Bindable(defaultValue = "majority") @NotBlank String writeConcern,
        @Bindable(defaultValue = "true") boolean journal,
        @Bindable(defaultValue = "20") @Min(1) @Max(100) int maxPoolSize,
        @Bindable(defaultValue = "5s") Duration maxWaitTime,
        @Bindable(defaultValue = "3s") Duration serverSelectionTimeout,
        @Bindable(defaultValue = "3s") Duration connectTimeout,
        @Bindable(defaultValue = "15s") Duration socketTimeout) {
}
