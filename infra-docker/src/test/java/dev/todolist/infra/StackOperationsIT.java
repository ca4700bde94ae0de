package dev.todolist.infra;

import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.infra.testing.Curl;
import dev.todolist.infra.testing.LocalStack;
import dev.todolist.infra.testing.Podman;
import dev.todolist.infra.testing.StackLock;
import dev.todolist.testing.Needs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.todolist.testing.Prerequisite.CURL;
import static dev.todolist.testing.Prerequisite.DOCKER_COMPOSE;
import static dev.todolist.testing.Prerequisite.FLOCK;
import static dev.todolist.testing.Prerequisite.PODMAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's options on the whole stack (podman, docker-compose 1.29, the MongoDB-wire
 * stand-in as in StackIT): the app's image pinned by digest in .env, the monitor's probe of the
 * path a user takes (HTTPS through nginx), healing on (docker-compose.healing.yml in COMPOSE_FILE,
 * podman's socket), and what callers get during a restore.
 */
@Needs({PODMAN, DOCKER_COMPOSE, FLOCK, CURL})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackOperationsIT {

    private static final String PROJECT = "todolist-ops-it";
    private static final int HEAL_AFTER_SECONDS = 6;

    private static StackLock lock;
    private static LocalStack stack;
    private static String apiPin;

    @BeforeAll
    static void startTheStackWithHealingAndAPinnedImage() throws IOException, InterruptedException {
        String api = "localhost/todolist-api:" + Bundle.version();
        assertTrue(Podman.hasImage(api), "no image " + api + " in podman (./mvnw -Pimages ... verify builds and loads it)");
        lock = StackLock.acquire();
        long started = System.nanoTime();
        stack = LocalStack.prepare(PROJECT, env -> env
                .replaceFirst("(?m)^MONITOR_INTERVAL_SECONDS=.*$", "MONITOR_INTERVAL_SECONDS=2")
                .replaceFirst("(?m)^MONITOR_FAILURES_BEFORE_DOWN=.*$", "MONITOR_FAILURES_BEFORE_DOWN=1")
                // Healing on, as the runbook says: the overlay in COMPOSE_FILE (the test's override before it), podman's socket.
                .replaceFirst("(?m)^#COMPOSE_FILE=.*$",
                        "COMPOSE_FILE=docker-compose.yml:docker-compose.override.yml:docker-compose.healing.yml")
                .replaceFirst("(?m)^#MONITOR_HEAL_AFTER_SECONDS=.*$", "MONITOR_HEAL_AFTER_SECONDS=" + HEAL_AFTER_SECONDS)
                .replaceFirst("(?m)^#MONITOR_ENGINE_SOCKET=.*$", "MONITOR_ENGINE_SOCKET=" + Podman.SOCKET));
        // The pin, as the runbook says: the line `images digests` prints, into .env.
        apiPin = stack.manage("images", "digests").assertSuccess("images digests").output().lines()
                .filter(l -> l.startsWith("TODOLIST_API_IMAGE=")).findFirst()
                .orElseThrow(() -> new AssertionError("images digests printed no TODOLIST_API_IMAGE line"))
                .substring("TODOLIST_API_IMAGE=".length());
        assertTrue(apiPin.matches("localhost/todolist-api@sha256:[0-9a-f]{64}"), apiPin);
        java.nio.file.Files.writeString(stack.bundle().resolve(".env"), "TODOLIST_API_IMAGE=" + apiPin + "\n",
                java.nio.file.StandardOpenOption.APPEND);

        stack.manage("stop");
        stack.manage("start").assertSuccess("manage-docker.sh start");
        stack.awaitApiThroughNginx(Duration.ofMinutes(2));
        System.out.printf("stack operations proof: started (healing on, app pinned by digest) in %.1f s%n", seconds(started));
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        try {
            if (stack != null) {
                stack.stop("stack-operations-it.log");
            }
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static List<String> monitorLog() {
        return Podman.podman("logs", stack.container("healthcheck")).output().lines().filter(l -> l.startsWith("{")).toList();
    }

    /** Waits until the monitor's log has a line with every one of PARTS after the first SKIP lines; returns its index. */
    private static int awaitMonitorLine(int skip, Duration timeout, String... parts) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = monitorLog();
            for (int i = skip; i < lines.size(); i++) {
                String line = lines.get(i);
                if (List.of(parts).stream().allMatch(line::contains)) {
                    return i;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no monitor line with " + List.of(parts) + " after line " + skip
                    + " within " + timeout + ":\n" + String.join("\n", lines));
            Thread.sleep(500);
        }
    }

    /** Waits until the monitor's latest state change of SERVICE goes to STATE; returns its line's index. */
    private static int awaitLatestStateChange(String service, String state, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = monitorLog();
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                if (line.contains("\"event\":\"state_change\"") && line.contains("\"service\":\"" + service + "\"")) {
                    if (line.contains("\"to\":\"" + state + "\"")) {
                        return i;
                    }
                    break;
                }
            }
            assertTrue(System.nanoTime() < deadline, "the monitor's latest change of " + service + " is not to " + state
                    + " within " + timeout + ":\n" + String.join("\n", lines));
            Thread.sleep(500);
        }
    }

    @Test
    @Order(1)
    void theAppRunsFromTheImagePinnedByDigestAndTheMonitorSeesTheUsersPathUp() throws IOException, InterruptedException {
        // The engine ran the image the digest names (podman keeps the tag it found as the container's image name).
        assertEquals(Podman.podman("image", "inspect", "--format", "{{.Id}}", apiPin).assertSuccess("image inspect").output().trim(),
                Podman.inspect(stack.container("todolist-app"), "{{.Image}}"));

        awaitMonitorLine(0, Duration.ofSeconds(30), "\"event\":\"state_change\"", "\"service\":\"api-through-nginx\"",
                "\"to\":\"UP\"", "\"detail\":\"HTTP 200\"");
        String started = monitorLog().stream().filter(l -> l.contains("\"event\":\"started\"")).findFirst().orElseThrow();
        assertTrue(started.contains("healing ON") && started.contains(PROJECT), started);
    }

    /** During a restore nginx answers 503 problem+json with Retry-After at once, never 502 nor a hang; healing waits. */
    @Test
    @Order(2)
    void callersGetAPrompt503ProblemDuringARestoreAndHealingLeavesTheStoppedAppAlone() throws Exception {
        Command.Result backup = stack.manage("backup").assertSuccess("manage-docker.sh backup");
        String archive = backup.output().lines().filter(l -> l.contains("backup written: ./backups/"))
                .map(l -> l.substring(l.indexOf("./backups/") + "./backups/".length()).trim()).findFirst()
                .orElseThrow(() -> new AssertionError(backup.output()));
        int logBefore = monitorLog().size();

        CompletableFuture<Command.Result> restore = CompletableFuture.supplyAsync(() -> stack.manage("restore", archive, "--yes"));
        List<String> seen = new ArrayList<>();
        int unavailable = 0;
        double slowest = 0;
        while (!restore.isDone()) {
            for (String path : List.of("/health", "/api/v1/todos")) {
                long asked = System.nanoTime();
                Curl.Exchange answer = Curl.call("-k", stack.https(path));
                double took = seconds(asked);
                slowest = Math.max(slowest, took);
                seen.add(answer.status() + " " + path);
                // 200/401: the app answered (before the stop, or after the restore); nothing else but 503.
                assertTrue(List.of(200, 401, 503).contains(answer.status()),
                        "during a restore " + path + " answered " + answer.status() + ": " + answer.body() + "\n" + seen);
                assertTrue(took < 3, path + " took " + took + " s: a caller must not hang during a restore");
                if (answer.status() == 503) {
                    unavailable++;
                    assertEquals("application/problem+json", answer.header("content-type").replaceFirst(";.*", ""), answer.body());
                    assertEquals("5", answer.header("retry-after"), path);
                    assertTrue(answer.body().contains("\"status\":503"), answer.body());
                }
            }
        }
        restore.get().assertSuccess("manage-docker.sh restore --yes");
        System.out.printf("stack operations proof: %d answers during the restore, %d of them 503 problem+json, slowest %.2f s%n",
                seen.size(), unavailable, slowest);
        assertTrue(unavailable > 0, "the restore stops the app: callers must have seen 503s: " + seen);
        assertEquals(200, Curl.call("-k", "-o", "/dev/null", stack.https("/health")).status(), "served again once it is done");
        assertFalse(stack.bundle().resolve("run/maintenance/restore").toFile().exists(), "the flag is gone");

        // One read of the log: a second one, for its size, may already hold more lines than the first.
        List<String> log = monitorLog();
        List<String> during = log.subList(logBefore, log.size());
        assertTrue(during.stream().noneMatch(l -> l.contains("\"event\":\"heal\"")), "nothing restarted by the monitor:\n" + during);
        assertTrue(during.stream().anyMatch(l -> l.contains("\"event\":\"heal_skipped\"") && l.contains("maintenance")),
                "the monitor says why it did not heal:\n" + during);
    }

    /** `podman kill`: the engine leaves the container down; the monitor restarts it and says so. */
    @Test
    @Order(3)
    void aKilledAppIsRestartedByTheMonitorAndTheUsersPathGoesDownThenUp() throws InterruptedException {
        stack.awaitApiThroughNginx(Duration.ofMinutes(1));
        // After the restore's own restart of the app, the monitor has seen the user's path UP again: its
        // latest change for that path, not the first one of the run (the restore's 503 made it DOWN since).
        int skip = awaitLatestStateChange("api-through-nginx", "UP", Duration.ofSeconds(60));
        skip = Math.max(skip, monitorLog().size() - 1);
        String app = stack.container("todolist-app");
        long killed = System.nanoTime();
        Podman.podman("kill", app).assertSuccess("podman kill");

        // 60 s: the monitor polls every 2 s, but one round probes every service in turn, each up to its
        // 5 s timeout, and the engine's DNS stalls while it reloads for the killed container (a CI run
        // saw even nginx's own probe time out then).
        int down = awaitMonitorLine(skip, Duration.ofSeconds(60), "\"service\":\"api-through-nginx\"", "\"to\":\"DOWN\"");
        int heal = awaitMonitorLine(skip, Duration.ofSeconds(HEAL_AFTER_SECONDS + 60), "\"event\":\"heal\"",
                "\"service\":\"todolist-app\"");
        double healedAfter = seconds(killed);
        assertTrue(monitorLog().get(heal).contains(app.substring(0, 12)), monitorLog().get(heal));
        assertTrue(monitorLog().get(down).contains("HTTP 502"), "through nginx the dead app is a 502: " + monitorLog().get(down));
        stack.awaitApiThroughNginx(Duration.ofMinutes(2));
        double servedAfter = seconds(killed);
        awaitMonitorLine(heal, Duration.ofSeconds(60), "\"service\":\"api-through-nginx\"", "\"to\":\"UP\"");
        assertEquals("running", Podman.inspect(app, "{{.State.Status}}"), "the same container, started again");
        System.out.printf("stack operations proof: podman kill of the app -> restarted by the monitor after %.1f s"
                + " (heal after %d s), API through nginx again after %.1f s%n", healedAfter, HEAL_AFTER_SECONDS, servedAfter);
        assertTrue(healedAfter < HEAL_AFTER_SECONDS + 30, "healed after " + healedAfter + " s");
    }
}
