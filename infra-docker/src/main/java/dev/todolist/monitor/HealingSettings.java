package dev.todolist.monitor;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Opt-in healing, from the monitor's environment: off unless {@code MONITOR_HEAL_AFTER_SECONDS}
 * is set, because it needs the engine's API, which is root on the host.
 *
 * @param healAfter       how long a service stays DOWN before its container is restarted, and
 *                        the least time between two restarts of one service
 *                        ({@code MONITOR_HEAL_AFTER_SECONDS}; unset or 0: healing off)
 * @param engine          the engine's API ({@code MONITOR_ENGINE_HOST}, as {@code DOCKER_HOST}:
 *                        {@code unix:///var/run/docker.sock}, the default, or {@code tcp://host:port},
 *                        e.g. a filtering socket proxy)
 * @param project         the Compose project whose containers may be restarted, found by their
 *                        {@code com.docker.compose.project} label ({@code MONITOR_COMPOSE_PROJECT})
 * @param maintenanceFlag while this file exists (manage-docker.sh creates it for a restore, which
 *                        stops the app on purpose), nothing is restarted ({@code MONITOR_MAINTENANCE_FLAG})
 */
public record HealingSettings(Duration healAfter, URI engine, String project, Optional<Path> maintenanceFlag) {

    public HealingSettings {
        String scheme = String.valueOf(engine.getScheme());
        if (!(scheme.equals("unix") && engine.getPath() != null && !engine.getPath().isEmpty())
                && !(scheme.equals("tcp") && engine.getHost() != null && engine.getPort() > 0)) {
            throw new IllegalArgumentException("MONITOR_ENGINE_HOST must be unix:///path/to/socket or tcp://host:port, got " + engine);
        }
        if (project.isBlank()) {
            throw new IllegalArgumentException("MONITOR_COMPOSE_PROJECT is empty: healing needs the Compose project's name");
        }
    }

    /** The healing settings, or empty when healing is off (the default). */
    public static Optional<HealingSettings> fromEnvironment(Map<String, String> env) {
        String after = env.getOrDefault("MONITOR_HEAL_AFTER_SECONDS", "").strip();
        if (after.isEmpty() || after.equals("0")) {
            return Optional.empty();
        }
        String flag = env.getOrDefault("MONITOR_MAINTENANCE_FLAG", "").strip();
        return Optional.of(new HealingSettings(
                Duration.ofSeconds(MonitorSettings.positive(env, "MONITOR_HEAL_AFTER_SECONDS", 0)),
                URI.create(env.getOrDefault("MONITOR_ENGINE_HOST", "unix:///var/run/docker.sock").strip()),
                env.getOrDefault("MONITOR_COMPOSE_PROJECT", env.getOrDefault("MONITOR_STACK_NAME", "todolist-prod")).strip(),
                flag.isEmpty() ? Optional.empty() : Optional.of(Path.of(flag))));
    }
}
