package dev.todolist.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Opt-in healing: after a round, restarts through the engine's API the containers of a service
 * that has been DOWN for {@link HealingSettings#healAfter()} (a container the engine killed or
 * stopped stays down: `podman kill`, or Docker when it does not apply the restart policy). At
 * most one attempt per service per {@code healAfter}, so a service that cannot start is not
 * restarted in a loop; nothing while a restore holds the maintenance flag. Every attempt is
 * reported (log and webhook).
 */
final class Healer {

    /** One healing attempt: what was restarted, or why nothing could be. */
    record Attempt(Instant at, String service, Duration downFor, boolean restarted, String detail) {
    }

    /** How long the engine gives a container to stop before it kills it, on a restart. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final HealingSettings settings;
    private final EngineClient engine;
    private final Duration timeout;
    private final Consumer<Attempt> report;
    private final Clock clock;
    private final Map<String, Instant> lastAttempt = new HashMap<>();
    /** Targets that are no container of the project (the path through nginx): reported once, then left alone. */
    private final Set<String> notContainers = new HashSet<>();
    private boolean pausedReported;

    Healer(HealingSettings settings, EngineClient engine, Duration timeout, Consumer<Attempt> report, Clock clock) {
        this.settings = settings;
        this.engine = engine;
        this.timeout = timeout;
        this.report = report;
        this.clock = clock;
    }

    /** Called by the round's thread after every round, with the monitor's current view. */
    void afterRound(Map<String, StackMonitor.Status> statuses) {
        Instant now = clock.instant();
        boolean paused = settings.maintenanceFlag().map(Files::exists).orElse(false);
        statuses.forEach((service, status) -> {
            if (status.state() != ServiceState.DOWN) {
                lastAttempt.remove(service);
                return;
            }
            Duration downFor = Duration.between(status.since(), now);
            Instant last = lastAttempt.get(service);
            if (downFor.compareTo(settings.healAfter()) < 0 || notContainers.contains(service)
                    || (last != null && Duration.between(last, now).compareTo(settings.healAfter()) < 0)) {
                return;
            }
            if (paused) {
                if (!pausedReported) {
                    pausedReported = true;
                    report.accept(new Attempt(now, service, downFor, false,
                            "not restarted: maintenance under way (" + settings.maintenanceFlag().orElseThrow() + " exists)"));
                }
                return;
            }
            lastAttempt.put(service, now);
            report.accept(heal(service, downFor, now));
        });
        if (!paused) {
            pausedReported = false;
        }
    }

    private Attempt heal(String service, Duration downFor, Instant now) {
        try {
            List<EngineClient.Container> containers = engine.containers(settings.project(), service, timeout);
            if (containers.isEmpty()) {
                notContainers.add(service);
                return new Attempt(now, service, downFor, false, "no container of this name in Compose project "
                        + settings.project() + ": not healed (a probe of a path, not of a container)");
            }
            List<EngineClient.Container> restart = containers.stream().filter(EngineClient.Container::needsRestart).toList();
            // All running and none unhealthy, yet the probe fails: restarting them all is what is left.
            for (EngineClient.Container container : restart.isEmpty() ? containers : restart) {
                engine.restart(container.id(), STOP_GRACE, timeout.plus(STOP_GRACE).plus(Duration.ofSeconds(30)));
            }
            return new Attempt(now, service, downFor, true, "restarted container(s) "
                    + (restart.isEmpty() ? containers : restart).stream().map(c -> shortId(c.id()) + " (" + c.status() + ")").toList()
                    + " through the engine's API");
        } catch (IOException e) {
            return new Attempt(now, service, downFor, false, "restart failed: " + e.getMessage());
        }
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
