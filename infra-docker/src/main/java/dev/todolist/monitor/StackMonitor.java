package dev.todolist.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Polls every target once per round and reports each state change once: logged always, sent to
 * the webhook when it {@linkplain Transition#alerts() alerts}. A service is UP after one healthy
 * probe and DOWN after {@code failuresBeforeDown} failed ones in a row.
 */
final class StackMonitor {

    /** What the monitor currently believes of one service. */
    record Status(ServiceState state, String detail, Instant since) {
    }

    private final MonitorSettings settings;
    private final ServiceProbe probe;
    private final Consumer<Transition> onTransition;
    private final Clock clock;
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();
    private final Map<String, Integer> consecutiveFailures = new ConcurrentHashMap<>();
    private volatile Instant lastRoundCompleted;

    StackMonitor(MonitorSettings settings, ServiceProbe probe, Consumer<Transition> onTransition, Clock clock) {
        this.settings = settings;
        this.probe = probe;
        this.onTransition = onTransition;
        this.clock = clock;
        Instant now = clock.instant();
        settings.targets().forEach(t -> statuses.put(t.name(), new Status(ServiceState.UNKNOWN, "not polled yet", now)));
    }

    /** One round: probe every target, report what changed. */
    void pollOnce() {
        for (MonitorSettings.Target target : settings.targets()) {
            record(target.name(), probe.check(target));
        }
        lastRoundCompleted = clock.instant();
    }

    private void record(String service, ProbeResult result) {
        Status previous = statuses.get(service);
        int failures = result.healthy() ? 0 : consecutiveFailures.getOrDefault(service, 0) + 1;
        consecutiveFailures.put(service, failures);
        ServiceState next;
        if (result.healthy()) {
            next = ServiceState.UP;
        } else if (failures >= settings.failuresBeforeDown()) {
            next = ServiceState.DOWN;
        } else {
            next = previous.state();
        }
        Instant now = clock.instant();
        if (next != previous.state()) {
            statuses.put(service, new Status(next, result.detail(), now));
            onTransition.accept(new Transition(now, service, previous.state(), next, result.detail()));
        } else {
            statuses.put(service, new Status(next, result.detail(), previous.since()));
        }
    }

    /** The current view, in the order of the targets. */
    Map<String, Status> statuses() {
        Map<String, Status> ordered = new LinkedHashMap<>();
        settings.targets().forEach(t -> ordered.put(t.name(), statuses.get(t.name())));
        return ordered;
    }

    /** When the last round finished, or {@code null} before the first. */
    Instant lastRoundCompleted() {
        return lastRoundCompleted;
    }
}
