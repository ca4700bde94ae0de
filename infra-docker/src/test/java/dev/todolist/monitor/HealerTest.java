package dev.todolist.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todolist.testing.MovableClock;
import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Healing against an engine that answers the Docker Engine API on a real unix socket (a small
 * server in this test: which containers exist and what was restarted are the test's to choose and
 * see); the stack proof does the same against podman's own socket.
 */
class HealerTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final Clock AT_T0 = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CapturedTransitionLog captured = new CapturedTransitionLog(json);
    private volatile String containersAnswer = "[]";
    /** Each container's inspection (GET /containers/ID/json), by id: its State. */
    private final Map<String, String> states = new java.util.concurrent.ConcurrentHashMap<>();
    private ServerSocketChannel engine;
    private Thread engineThread;
    private Path socket;

    @BeforeEach
    void startEngine() throws IOException {
        socket = dir.resolve("engine.sock");
        engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        engine.bind(UnixDomainSocketAddress.of(socket));
        engineThread = new Thread(this::serve, "fake-engine");
        engineThread.setDaemon(true);
        engineThread.start();
    }

    @AfterEach
    void stopEngine() throws IOException {
        engine.close();
    }

    /** Answers like Docker and podman do to HTTP/1.0: no chunks, the connection closed after the answer. */
    private void serve() {
        while (engine.isOpen()) {
            try (SocketChannel client = engine.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                String request = "";
                while (!request.contains("\r\n\r\n") && client.read(buffer) > 0) {
                    request = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                }
                String line = request.lines().findFirst().orElse("");
                requests.add(URLDecoder.decode(line, StandardCharsets.UTF_8));
                String inspected = line.replaceFirst("^GET /containers/([^/ ]+)/json .*$", "$1");
                String answer = line.startsWith("GET /containers/json")
                        ? "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + containersAnswer
                        : states.containsKey(inspected) ? "HTTP/1.0 200 OK\r\n\r\n{\"Id\":\"" + inspected + "\",\"State\":"
                                + states.get(inspected) + "}"
                        : line.startsWith("POST /containers/") ? "HTTP/1.0 204 No Content\r\n\r\n"
                        : "HTTP/1.0 404 Not Found\r\n\r\n{\"message\":\"page not found\"}";
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A healer of project todolist-prod that asks this test's engine and logs what it does. */
    private Healer healer(Clock clock, Optional<Path> maintenanceFlag) {
        return healer(URI.create("unix://" + socket), clock, maintenanceFlag);
    }

    private Healer healer(URI engine, Clock clock, Optional<Path> maintenanceFlag) {
        HealingSettings settings = new HealingSettings(Duration.ofSeconds(30), engine, "todolist-prod", maintenanceFlag);
        return new Healer(settings, new EngineClient(settings.engine(), json), Duration.ofSeconds(5),
                captured.log()::healing, clock);
    }

    private static Map<String, StackMonitor.Status> appDownSince(Instant since) {
        Map<String, StackMonitor.Status> statuses = new LinkedHashMap<>();
        statuses.put("todolist-app", new StackMonitor.Status(ServiceState.DOWN, "ConnectException", since));
        statuses.put("mongodb", new StackMonitor.Status(ServiceState.UP, "TCP connect ok", T0.minusSeconds(600)));
        return statuses;
    }

    @Test
    void aServiceDownLongerThanTheDelayHasItsStoppedContainerRestartedAndItIsLogged() throws IOException {
        containers("aaaaaaaaaaaaaaaa", "{\"Status\":\"exited\",\"ExitCode\":137}",
                "bbbbbbbbbbbbbbbb", "{\"Status\":\"running\",\"Health\":{\"Status\":\"healthy\"}}");

        healer(AT_T0, Optional.empty()).afterRound(appDownSince(T0.minusSeconds(31)));

        assertEquals(4, requests.size(), requests.toString());
        assertTrue(requests.get(0).startsWith("GET /containers/json?all=1&filters="), requests.get(0));
        assertTrue(requests.get(0).contains("\"com.docker.compose.project=todolist-prod\"")
                && requests.get(0).contains("\"com.docker.compose.service=todolist-app\""), requests.get(0));
        assertEquals("GET /containers/aaaaaaaaaaaaaaaa/json HTTP/1.0", requests.get(1));
        assertEquals("POST /containers/aaaaaaaaaaaaaaaa/restart?t=10 HTTP/1.0", requests.get(3), "only the container that is down");
        JsonNode line = captured.lines().get(0);
        assertEquals("heal", line.get("event").asText());
        assertEquals("todolist-app", line.get("service").asText());
        assertEquals(31, line.get("downSeconds").asInt());
        assertTrue(line.get("detail").asText().contains("aaaaaaaaaaaa (exited)"), line.toString());
    }

    /** id, State JSON, id, State JSON...: what the engine lists and what each inspection says. */
    private void containers(String... idsAndStates) {
        List<String> listed = new java.util.ArrayList<>();
        for (int i = 0; i < idsAndStates.length; i += 2) {
            states.put(idsAndStates[i], idsAndStates[i + 1]);
            listed.add("{\"Id\":\"" + idsAndStates[i] + "\",\"State\":\"listed\",\"Status\":\"(podman lists no health)\"}");
        }
        containersAnswer = "[" + String.join(",", listed) + "]";
    }

    @Test
    void aContainerWhoseHealthcheckIsStillStartingIsNotRestartedButTheDecisionIsLogged() throws IOException {
        assertLeftAloneAndLogged("{\"Status\":\"running\",\"Health\":{\"Status\":\"starting\"}}",
                "still starting [aaaa (running, starting)]");
    }

    @Test
    void aContainerTheEngineReportsHealthyIsNotRestartedWhenOnlyTheMonitorCannotReachIt() throws IOException {
        assertLeftAloneAndLogged("{\"Status\":\"running\",\"Health\":{\"Status\":\"healthy\"}}",
                "[aaaa (running, healthy)] running and not unhealthy");
    }

    /** The app DOWN for a minute, its one container in {@code state}: nothing restarted, and a heal_skipped line saying {@code why}. */
    private void assertLeftAloneAndLogged(String state, String why) throws IOException {
        containers("aaaa", state);

        healer(AT_T0, Optional.empty()).afterRound(appDownSince(T0.minusSeconds(60)));

        assertTrue(requests.stream().noneMatch(r -> r.startsWith("POST")), requests.toString());
        JsonNode line = captured.lines().get(0);
        assertEquals("heal_skipped", line.get("event").asText());
        assertTrue(line.get("detail").asText().contains(why), line.toString());
    }

    @Test
    void anUnhealthyRunningContainerIsRestarted() {
        containers("aaaa", "{\"Status\":\"running\",\"Health\":{\"Status\":\"unhealthy\"}}");

        healer(AT_T0, Optional.empty()).afterRound(appDownSince(T0.minusSeconds(60)));

        assertEquals("POST /containers/aaaa/restart?t=10 HTTP/1.0", requests.get(requests.size() - 1));
    }

    @Test
    void aServiceDownForLessThanTheDelayIsLeftAlone() {
        healer(AT_T0, Optional.empty()).afterRound(appDownSince(T0.minusSeconds(29)));

        assertTrue(requests.isEmpty(), requests.toString());
    }

    @Test
    void aServiceThatStaysDownIsRestartedAgainOnlyAfterADelayThatDoubles() {
        containers("aaaa", "{\"Status\":\"exited\"}");
        Map<String, StackMonitor.Status> down = appDownSince(T0.minusSeconds(40));
        MovableClock clock = new MovableClock(T0);
        Healer healer = healer(clock, Optional.empty());

        healer.afterRound(down);
        clock.set(T0.plusSeconds(31));
        healer.afterRound(down);
        assertEquals(1, requests.stream().filter(r -> r.startsWith("POST")).count(), "twice 30 s after the first: " + requests);
        clock.set(T0.plusSeconds(61));
        healer.afterRound(down);
        assertEquals(2, requests.stream().filter(r -> r.startsWith("POST")).count(), requests.toString());
        clock.set(T0.plusSeconds(61 + 119));
        healer.afterRound(down);
        assertEquals(2, requests.stream().filter(r -> r.startsWith("POST")).count(), "then four times: " + requests);

        // Once the service is UP again, the next outage starts from the delay itself.
        healer.afterRound(Map.of("todolist-app", new StackMonitor.Status(ServiceState.UP, "HTTP 200", clock.instant())));
        clock.advance(Duration.ofSeconds(100));
        healer.afterRound(appDownSince(clock.instant().minusSeconds(30)));
        assertEquals(3, requests.stream().filter(r -> r.startsWith("POST")).count(), requests.toString());
    }

    @Test
    void nothingIsRestartedWhileTheMaintenanceFlagExistsAndThatIsSaidOnce() throws IOException {
        containers("aaaa", "{\"Status\":\"exited\"}");
        Path flag = Files.writeString(dir.resolve("restore"), "");
        Healer healer = healer(AT_T0, Optional.of(flag));

        healer.afterRound(appDownSince(T0.minusSeconds(60)));
        healer.afterRound(appDownSince(T0.minusSeconds(60)));

        assertTrue(requests.isEmpty(), requests.toString());
        List<JsonNode> lines = captured.lines();
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("heal_skipped", lines.get(0).get("event").asText());
        assertTrue(lines.get(0).get("detail").asText().contains("maintenance"), lines.toString());
    }

    @Test
    void aTargetThatIsNoContainerIsReportedOnceAndNeverRestarted() throws IOException {
        Map<String, StackMonitor.Status> statuses = Map.of("api-through-nginx",
                new StackMonitor.Status(ServiceState.DOWN, "HTTP 502", T0.minusSeconds(100)));
        MovableClock clock = new MovableClock(T0);
        Healer healer = healer(clock, Optional.empty());

        healer.afterRound(statuses);
        clock.set(T0.plusSeconds(120));
        healer.afterRound(statuses);

        assertEquals(1, requests.size(), requests.toString());
        assertTrue(captured.lines().get(0).get("detail").asText().contains("no container"), captured.lines().toString());
    }

    @Test
    void anEngineErrorIsReportedWithItsMessage() throws IOException {
        URI noEngineBehind = URI.create("unix://" + dir.resolve("nowhere.sock"));
        healer(noEngineBehind, AT_T0, Optional.empty()).afterRound(appDownSince(T0.minusSeconds(60)));

        JsonNode line = captured.lines().get(0);
        assertEquals("heal_failed", line.get("event").asText());
        assertTrue(line.get("detail").asText().startsWith("restart failed: "), line.toString());
    }

    @Test
    void theWebhookIsToldWhatTheMonitorDid() throws IOException {
        WebhookNotifier notifier = new WebhookNotifier(URI.create("http://127.0.0.1:9/hook"), "todolist-prod", Duration.ofSeconds(1),
                json, captured.log());

        JsonNode payload = json.readTree(notifier.payload(new Healer.Attempt(T0, "todolist-app", Duration.ofSeconds(31),
                Healer.Outcome.RESTARTED, "restarted container(s) [aaaa (exited)] through the engine's API")));

        assertEquals(":wrench: [todolist-prod] todolist-app was DOWN for 31 s; healing: restarted container(s)"
                + " [aaaa (exited)] through the engine's API", payload.get("text").asText());
        assertEquals("heal", payload.get("event").asText());
    }

    @Test
    void healingIsOffByDefaultAndItsSettingsAreChecked() {
        assertTrue(HealingSettings.fromEnvironment(Map.of()).isEmpty());
        assertTrue(HealingSettings.fromEnvironment(Map.of("MONITOR_HEAL_AFTER_SECONDS", "0")).isEmpty());
        HealingSettings on = HealingSettings.fromEnvironment(Map.of("MONITOR_HEAL_AFTER_SECONDS", "45",
                "MONITOR_STACK_NAME", "shop")).orElseThrow();
        assertEquals(Duration.ofSeconds(45), on.healAfter());
        assertEquals(URI.create("unix:///var/run/docker.sock"), on.engine());
        assertEquals("shop", on.project());

        IllegalArgumentException engine = assertThrows(IllegalArgumentException.class, () -> HealingSettings.fromEnvironment(
                Map.of("MONITOR_HEAL_AFTER_SECONDS", "45", "MONITOR_ENGINE_HOST", "http://engine:2375")));
        assertTrue(engine.getMessage().startsWith("MONITOR_ENGINE_HOST"), engine.getMessage());
        IllegalArgumentException after = assertThrows(IllegalArgumentException.class, () -> HealingSettings.fromEnvironment(
                Map.of("MONITOR_HEAL_AFTER_SECONDS", "soon")));
        assertTrue(after.getMessage().startsWith("MONITOR_HEAL_AFTER_SECONDS"), after.getMessage());
    }

    /** The real engine: podman's Docker-API socket lists containers by Compose's labels as the healer asks. */
    @Test
    @Needs(Prerequisite.PODMAN)
    void podmansSocketAnswersTheHealersListing() throws IOException {
        EngineClient podman = new EngineClient(URI.create("unix://" + Prerequisite.podmanSocket()), json);

        List<EngineClient.Container> none = podman.containers("no-such-project-" + System.nanoTime(), "todolist-app",
                Duration.ofSeconds(10));
        assertTrue(none.isEmpty(), none.toString());
        IOException missing = assertThrows(IOException.class,
                () -> podman.restart("no-such-container-" + System.nanoTime(), Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertTrue(missing.getMessage().contains("answered 404"), missing.getMessage());
        assertFalse(missing.getMessage().contains("?t="), "the query is not repeated in the message");
    }
}
