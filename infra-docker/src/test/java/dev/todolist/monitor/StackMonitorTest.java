package dev.todolist.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.todolist.status.StatusHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitor against real loopback servers: an HTTP service whose answer the test flips, a TCP
 * listener it closes, and a webhook receiver that records what the monitor posts.
 */
class StackMonitorTest {

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger serviceStatus = new AtomicInteger(200);
    private final List<String> webhookBodies = new CopyOnWriteArrayList<>();
    private final CapturedTransitionLog captured = new CapturedTransitionLog(json);
    private HttpServer service;
    private HttpServer webhook;
    private ServerSocket database;

    @BeforeEach
    void startLoopbackServers() throws IOException {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(serviceStatus.get(), -1);
            exchange.close();
        });
        service.start();
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stopLoopbackServers() throws IOException {
        service.stop(0);
        webhook.stop(0);
        database.close();
    }

    private MonitorSettings settings(int failuresBeforeDown) {
        return new MonitorSettings(
                MonitorSettings.parseTargets("todolist-app=http://127.0.0.1:" + service.getAddress().getPort() + "/health,"
                        + "mongodb=tcp://127.0.0.1:" + database.getLocalPort()),
                Duration.ofSeconds(1), Duration.ofSeconds(2), failuresBeforeDown,
                Optional.of(URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook")),
                0, "todolist-test", Optional.empty());
    }

    private StackMonitor monitor(MonitorSettings settings) {
        TransitionLog log = captured.log();
        WebhookNotifier notifier = new WebhookNotifier(settings.webhook().orElseThrow(), settings.stackName(),
                settings.timeout(), json, log);
        return new StackMonitor(settings, new ServiceProbe(settings.timeout()), t -> {
            log.transition(t);
            if (t.alerts()) {
                notifier.notify(t);
            }
        }, Clock.systemUTC());
    }

    @Test
    void firstRoundLogsEveryServiceUpAndPagesNobody() throws IOException {
        StackMonitor monitor = monitor(settings(2));

        monitor.pollOnce();

        List<JsonNode> lines = captured.lines();
        assertEquals(2, lines.size(), captured.text());
        assertEquals("todolist-app", lines.get(0).get("service").asText());
        assertEquals("UNKNOWN", lines.get(0).get("from").asText());
        assertEquals("UP", lines.get(0).get("to").asText());
        assertEquals("state_change", lines.get(0).get("event").asText());
        assertEquals("mongodb", lines.get(1).get("service").asText());
        assertEquals("UP", lines.get(1).get("to").asText());
        assertTrue(webhookBodies.isEmpty(), "a normal start-up pages nobody: " + webhookBodies);
    }

    @Test
    void serviceGoesDownAfterConsecutiveFailuresAndTheWebhookGetsOneSlackMessage() throws IOException {
        StackMonitor monitor = monitor(settings(2));
        monitor.pollOnce();
        serviceStatus.set(503);

        monitor.pollOnce();
        assertTrue(webhookBodies.isEmpty(), "one failed probe is not yet an outage");
        monitor.pollOnce();
        monitor.pollOnce();

        assertEquals(1, webhookBodies.size(), "one message per state change: " + webhookBodies);
        JsonNode payload = json.readTree(webhookBodies.get(0));
        assertTrue(payload.get("text").asText().contains("[todolist-test] todolist-app is DOWN (was UP): HTTP 503"),
                payload.toString());
        assertEquals("DOWN", payload.get("to").asText());
        JsonNode last = captured.lines().get(captured.lines().size() - 1);
        assertEquals("todolist-app", last.get("service").asText());
        assertEquals("DOWN", last.get("to").asText());
        assertEquals("HTTP 503", last.get("detail").asText());
    }

    @Test
    void recoveryIsReportedOnceTheServiceAnswersAgain() throws IOException {
        StackMonitor monitor = monitor(settings(1));
        monitor.pollOnce();
        serviceStatus.set(500);
        monitor.pollOnce();
        serviceStatus.set(200);

        monitor.pollOnce();

        assertEquals(2, webhookBodies.size(), webhookBodies.toString());
        JsonNode recovery = json.readTree(webhookBodies.get(1));
        assertEquals("UP", recovery.get("to").asText());
        assertEquals("DOWN", recovery.get("from").asText());
        assertEquals(ServiceState.UP, monitor.statuses().get("todolist-app").state());
    }

    @Test
    void closedTcpPortMakesTheDatabaseDown() throws IOException {
        StackMonitor monitor = monitor(settings(1));
        monitor.pollOnce();
        database.close();

        monitor.pollOnce();

        assertEquals(ServiceState.DOWN, monitor.statuses().get("mongodb").state());
        assertEquals(ServiceState.UP, monitor.statuses().get("todolist-app").state());
        JsonNode payload = json.readTree(webhookBodies.get(0));
        assertEquals("mongodb", payload.get("service").asText());
        assertTrue(payload.get("detail").asText().contains("ConnectException"), payload.toString());
    }

    @Test
    void unreachableWebhookIsLoggedAndTheMonitorGoesOn() throws IOException {
        MonitorSettings base = settings(1);
        webhook.stop(0);
        StackMonitor monitor = monitor(base);
        monitor.pollOnce();
        serviceStatus.set(503);

        monitor.pollOnce();

        assertTrue(captured.lines().stream().anyMatch(l -> "webhook_failed".equals(l.path("event").asText())),
                captured.text());
        assertEquals(ServiceState.DOWN, monitor.statuses().get("todolist-app").state());
    }

    @Test
    void healthIsUpOnlyOnceRoundsComplete() throws Exception {
        MonitorSettings settings = settings(2);
        StackMonitor monitor = monitor(settings);
        try (StatusHttpServer status = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), "monitor-status-test",
                new MonitorStatus(monitor, settings, json, Clock.systemUTC()).endpoints())) {
            HttpClient client = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + status.port() + "/health");
            assertEquals(503, client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode());

            monitor.pollOnce();

            assertEquals(200, client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            String body = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + status.port() + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("UP", json.readTree(body).at("/services/mongodb/state").asText(), body);
        }
    }
}
