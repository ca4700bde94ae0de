package dev.todolist.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The monitor's own endpoints: {@code GET /health} (200 while rounds keep completing, for the
 * container's healthcheck) and {@code GET /status} (every service's state, for operators and tests).
 */
final class StatusServer implements AutoCloseable {

    private final HttpServer server;
    private final StackMonitor monitor;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration staleAfter;

    StatusServer(int port, StackMonitor monitor, MonitorSettings settings, ObjectMapper json, Clock clock) throws IOException {
        this.monitor = monitor;
        this.json = json;
        this.clock = clock;
        // A round takes at most one timeout per target; three missed rounds mean the loop is stuck.
        this.staleAfter = settings.interval().plus(settings.timeout().multipliedBy(settings.targets().size())).multipliedBy(3);
        this.server = HttpServer.create(new InetSocketAddress(port), 16);
        server.createContext("/health", this::health);
        server.createContext("/status", this::status);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void health(HttpExchange exchange) throws IOException {
        Instant last = monitor.lastRoundCompleted();
        boolean fresh = last != null && Duration.between(last, clock.instant()).compareTo(staleAfter) <= 0;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", fresh ? "UP" : "DOWN");
        body.put("lastRoundCompleted", last == null ? null : last.toString());
        respond(exchange, fresh ? 200 : 503, body);
    }

    private void status(HttpExchange exchange) throws IOException {
        Map<String, Object> services = new LinkedHashMap<>();
        monitor.statuses().forEach((name, status) -> services.put(name, Map.of(
                "state", status.state().name(), "detail", status.detail(), "since", status.since().toString())));
        respond(exchange, 200, Map.of("services", services));
    }

    private void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
