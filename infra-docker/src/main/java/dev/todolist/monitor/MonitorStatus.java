package dev.todolist.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todolist.status.StatusResponse;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The monitor's own endpoints: {@code GET /health} (200 while rounds keep completing, for the
 * container's healthcheck) and {@code GET /status} (every service's state, for operators and tests).
 */
final class MonitorStatus {

    private final StackMonitor monitor;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration staleAfter;

    MonitorStatus(StackMonitor monitor, MonitorSettings settings, ObjectMapper json, Clock clock) {
        this.monitor = monitor;
        this.json = json;
        this.clock = clock;
        // A round takes at most one timeout per target; three missed rounds mean the loop is stuck.
        this.staleAfter = settings.interval().plus(settings.timeout().multipliedBy(settings.targets().size())).multipliedBy(3);
    }

    Map<String, Supplier<StatusResponse>> endpoints() {
        return Map.of("/health", this::health, "/status", this::status);
    }

    private StatusResponse health() {
        Instant last = monitor.lastRoundCompleted();
        boolean fresh = last != null && Duration.between(last, clock.instant()).compareTo(staleAfter) <= 0;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", fresh ? "UP" : "DOWN");
        body.put("lastRoundCompleted", last == null ? null : last.toString());
        return StatusResponse.json(fresh ? 200 : 503, write(body));
    }

    private StatusResponse status() {
        Map<String, Object> services = new LinkedHashMap<>();
        monitor.statuses().forEach((name, status) -> services.put(name, Map.of(
                "state", status.state().name(), "detail", status.detail(), "since", status.since().toString())));
        return StatusResponse.json(200, write(Map.of("services", services)));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
