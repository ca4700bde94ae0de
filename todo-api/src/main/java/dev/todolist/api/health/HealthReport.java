package dev.todolist.api.health;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * The answer of {@code GET /health}, in the plan's shape.
 *
 * @param status      {@code OK} when the service and its database work, else {@code ERROR} (also
 *                    while the instance is stopping)
 * @param timestamp   when the check ran (ISO-8601, UTC)
 * @param uptime      seconds since the process started
 * @param environment the environment name ({@code APP_ENV}/{@code NODE_ENV})
 * @param database    {@code connected} or {@code disconnected}
 * @param memory      the process's memory in bytes
 * @param pid         the process id
 */
@Serdeable
public record HealthReport(String status, Instant timestamp, long uptime, String environment,
                           String database, MemoryFigures memory, long pid) {

    public static final String OK = "OK";
    public static final String ERROR = "ERROR";
    public static final String CONNECTED = "connected";
    public static final String DISCONNECTED = "disconnected";
}
