package dev.todolist.api.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How an instance stops.
 *
 * @param drainDelay how long a stopping instance keeps serving after its readiness turned false,
 *                   before it closes its listener and lets in-flight requests finish: time for a
 *                   load balancer that polls readiness to stop sending it new requests. {@code 0s}
 *                   (the default) closes at once, which suits a balancer that learns of the stop
 *                   otherwise (the container leaving the network) or a single instance
 */
@ConfigurationProperties("todolist.shutdown")
public record ShutdownSettings(@Bindable(defaultValue = "0s") Duration drainDelay) {
}
