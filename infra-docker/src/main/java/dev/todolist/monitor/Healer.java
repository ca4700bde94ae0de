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
 * stopped stays down: `podman kill`, or Docker when it does not apply the restart policy).
 * Never a container whose healthcheck is still starting (restarting it would only start it over,
 * and a slow start would become a restart loop), never while a restore holds the maintenance
 * flag, and the wait doubles after each attempt that did not bring the service back (up to
 * {@value #MAX_BACKOFF} times {@code healAfter}). Every decision is reported.
 */
final class Healer {

    /** What an attempt came to. */
    enum Outcome {
        /** Containers were restarted. */
        RESTARTED,
        /** Deliberately nothing: maintenance, a container still starting, a target that is no container. */
        SKIPPED,
        /** The engine could not be asked, or refused. */
        FAILED;

        /** The log's event name. */
        String event() {
            return this == RESTARTED ? "heal" : this == SKIPPED ? "heal_skipped" : "heal_failed";
        }
    }

    /** One healing attempt: what was restarted, or why nothing was. */
    record Attempt(Instant at, String service, Duration downFor, Outcome outcome, String detail) {

        boolean restarted() {
            return outcome == Outcome.RESTARTED;
        }
    }

    private static final int MAX_BACKOFF = 16;

    /** How long the engine gives a container to stop before it kills it, on a restart. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final HealingSettings settings;
    private final EngineClient engine;
    private final Duration timeout;
    private final Consumer<Attempt> report;
    private final Clock clock;
    private final Map<String, Instant> lastAttempt = new HashMap<>();
    /** How many times over healAfter the next attempt waits: 1, then doubled after each restart. */
    private final Map<String, Integer> backoff = new HashMap<>();
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
                backoff.remove(service);
                return;
            }
            Duration downFor = Duration.between(status.since(), now);
            Instant last = lastAttempt.get(service);
            Duration wait = settings.healAfter().multipliedBy(backoff.getOrDefault(service, 1));
            if (downFor.compareTo(settings.healAfter()) < 0 || notContainers.contains(service)
                    || (last != null && Duration.between(last, now).compareTo(wait) < 0)) {
                return;
            }
            if (paused) {
                if (!pausedReported) {
                    pausedReported = true;
                    report.accept(new Attempt(now, service, downFor, Outcome.SKIPPED,
                            "not restarted: maintenance under way (" + settings.maintenanceFlag().orElseThrow() + " exists)"));
                }
                return;
            }
            lastAttempt.put(service, now);
            Attempt attempt = heal(service, downFor, now);
            if (attempt.restarted()) {
                backoff.put(service, Math.min(MAX_BACKOFF, backoff.getOrDefault(service, 1) * 2));
            }
            report.accept(attempt);
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
                return new Attempt(now, service, downFor, Outcome.SKIPPED, "no container of this name in Compose project "
                        + settings.project() + ": not healed (a probe of a path, not of a container)");
            }
            List<EngineClient.Container> starting = containers.stream().filter(EngineClient.Container::starting).toList();
            if (!starting.isEmpty()) {
                return new Attempt(now, service, downFor, Outcome.SKIPPED, "not restarted: still starting "
                        + starting.stream().map(EngineClient.Container::describe).toList());
            }
            List<EngineClient.Container> chosen = containers.stream().filter(EngineClient.Container::needsRestart).toList();
            if (chosen.isEmpty()) {
                // The engine sees them running and passing their own healthcheck: the fault lies between
                // the monitor and the service (network, name resolution), which a restart does not mend.
                return new Attempt(now, service, downFor, Outcome.SKIPPED, "not restarted: the engine reports "
                        + containers.stream().map(EngineClient.Container::describe).toList()
                        + " running and not unhealthy; look at the network between the monitor and the service");
            }
            for (EngineClient.Container container : chosen) {
                engine.restart(container.id(), STOP_GRACE, timeout.plus(STOP_GRACE).plus(Duration.ofSeconds(30)));
            }
            return new Attempt(now, service, downFor, Outcome.RESTARTED, "restarted container(s) "
                    + chosen.stream().map(EngineClient.Container::describe).toList() + " through the engine's API");
        } catch (IOException e) {
            return new Attempt(now, service, downFor, Outcome.FAILED, "restart failed: " + e.getMessage());
        }
    }
}
