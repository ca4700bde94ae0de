package dev.todolist.infra;

import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.infra.testing.LoadGenerator;
import dev.todolist.infra.testing.ManageDocker;
import dev.todolist.infra.testing.LoadGenerator.Request;
import dev.todolist.infra.testing.Podman;
import dev.todolist.infra.testing.StackLock;
import dev.todolist.testing.Needs;
import dev.todolist.testing.TestPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.todolist.testing.Prerequisite.DOCKER_COMPOSE;
import static dev.todolist.testing.Prerequisite.FLOCK;
import static dev.todolist.testing.Prerequisite.PODMAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three app instances behind the real nginx, from the packaged bundle and its manage-docker.sh
 * (APP_REPLICAS=3), on podman with Debian's docker-compose 1.29, under a bounded load (4 workers,
 * about 11 requests/s, half GETs, half POSTs): a kill -9 of one instance loses no GET and no
 * acknowledged write; `upgrade` replaces the three instances one at a time without a failed
 * request; scaling down to one instance and `rollback` fail none either. Every failed request is
 * counted and printed, with the figures (requests lost per kill, upgrade duration). As in StackIT, the MongoDB service is
 * a MONGODB-WIRE STAND-IN (docker-compose.override.yml, used only here), not mongo:7.
 */
@Needs({PODMAN, DOCKER_COMPOSE, FLOCK})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String PROJECT = "todolist-scale-it";
    private static final String APP = "todolist-app";
    private static final int REPLICAS = 3;
    /** The same image under another tag: what an operator loads as the next release. */
    private static final String NEXT_VERSION = "scale-it-next";
    private static final String IMAGE = "localhost/todolist-api:";
    private static final int WORKERS = 4;
    private static final Duration PACE = Duration.ofMillis(350);

    private static StackLock lock;
    private static Path bundle;
    private static String baseUrl;
    private static LoadGenerator load;

    @BeforeAll
    static void startThreeInstances() throws IOException, InterruptedException {
        for (String image : List.of(IMAGE + Bundle.version(), "localhost/todolist-backup:" + Bundle.version(),
                "localhost/todolist-monitor:" + Bundle.version())) {
            assertTrue(Podman.hasImage(image), "no image " + image + " in podman (./mvnw -Pimages ... verify loads them)");
        }
        System.out.println("scale-out proof: the MongoDB service is a MONGODB-WIRE STAND-IN (docker-compose.override.yml),"
                + " not mongo:7; every other file is the shipped bundle");
        lock = StackLock.acquire();
        bundle = Bundle.unpack("scale-it");
        int httpsPort = TestPorts.free();
        baseUrl = "https://127.0.0.1:" + httpsPort;
        writeEnv(TestPorts.free(), httpsPort);
        Command.run(List.of("bash", Bundle.projectRoot().resolve("infra-docker/src/test/stack/prepare-podman-local.sh").toString(),
                bundle.toString()), Duration.ofMinutes(1)).assertSuccess("prepare-podman-local.sh");
        manage("stop");
        long started = System.nanoTime();
        manage("start").assertSuccess("manage-docker.sh start");
        System.out.printf("scale-out proof: start with %d app instances returned after %.1f s%n", REPLICAS, seconds(started));
        load = LoadGenerator.signedIn(baseUrl, bundle.resolve("certs/tls.crt"), "scale-it@example.org");
    }

    @AfterAll
    static void stopTheStack() throws IOException {
        try {
            if (bundle != null && Files.isDirectory(bundle.resolve("data"))) {
                Files.writeString(Path.of("target", "scale-it.log"), manage("logs", "--no-follow").output());
                manage("stop");
            }
            // rmi of one name of an image with several removes that name only; podman 4.3's
            // `untag NAME` removes EVERY name of the image (the release's tag too).
            Podman.podman("rmi", IMAGE + NEXT_VERSION);
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }

    private static void writeEnv(int httpPort, int httpsPort) throws IOException {
        String env = Files.readString(bundle.resolve(".env.example"))
                .replaceFirst("(?m)^SESSION_SECRET=.*$", "SESSION_SECRET=k3J9vQ2xLm8RtY5wZp1NcB7dFh4GsA6eUq0Vi7Tb")
                .replaceFirst("(?m)^MONGO_INITDB_ROOT_PASSWORD=.*$", "MONGO_INITDB_ROOT_PASSWORD=ScaleItMongo9f3k2q8w7e")
                .replaceFirst("(?m)^COMPOSE_PROJECT_NAME=.*$", "COMPOSE_PROJECT_NAME=" + PROJECT)
                .replaceFirst("(?m)^APP_REPLICAS=.*$", "APP_REPLICAS=" + REPLICAS)
                .replaceFirst("(?m)^NGINX_BIND_ADDRESS=.*$", "NGINX_BIND_ADDRESS=127.0.0.1")
                .replaceFirst("(?m)^NGINX_HTTP_PORT=.*$", "NGINX_HTTP_PORT=" + httpPort)
                .replaceFirst("(?m)^NGINX_HTTPS_PORT=.*$", "NGINX_HTTPS_PORT=" + httpsPort)
                .replaceFirst("(?m)^PUBLIC_BASE_URL=.*$", "PUBLIC_BASE_URL=" + baseUrl);
        Path file = bundle.resolve(".env");
        Files.writeString(file, env);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static Command.Result manage(String... args) {
        // An upgrade of three instances is three JVM starts: 6 min was seen on the shared machine.
        return ManageDocker.run(bundle, Duration.ofMinutes(15), args);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static List<String> appInstances() {
        String ids = Podman.podman("ps", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT,
                "--filter", "label=com.docker.compose.service=" + APP).assertSuccess("podman ps").output().trim();
        return ids.isEmpty() ? List.of() : List.of(ids.split("\\s+"));
    }

    private static void awaitHealthyInstances(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> instances = appInstances();
            long healthy = instances.stream().filter(id -> "healthy".equals(Podman.inspect(id, "{{.State.Health.Status}}"))).count();
            if (instances.size() == count && healthy == count) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, healthy + " of " + instances.size() + " instances healthy after " + timeout);
            Thread.sleep(1_000);
        }
    }

    /** Prints the run's figures and every failed request; returns the failed ones. */
    private static List<Request> report(String what, List<Request> requests, double seconds) {
        List<Request> failed = requests.stream().filter(Request::failed).toList();
        long writes = requests.stream().filter(Request::write).count();
        System.out.printf("scale-out proof: %s: %d requests in %.1f s (%d GETs, %d writes), %d failed%s%n", what, requests.size(),
                seconds, requests.size() - writes, writes, failed.size(), failed.isEmpty() ? "" : ": " + failed);
        return failed;
    }

    private static void assertEveryAcknowledgedWriteIsStored() throws IOException, InterruptedException {
        Set<String> missing = new TreeSet<>(load.acknowledgedIds());
        missing.removeAll(load.storedIds());
        assertTrue(missing.isEmpty(), "acknowledged writes missing afterwards: " + missing);
    }

    @Test
    @Order(1)
    void nginxBalancesOverEveryInstance() throws InterruptedException {
        assertEquals(REPLICAS, appInstances().size(), "APP_REPLICAS=" + REPLICAS + " instances");
        // nginx picks an instance at random per request: load until each has answered, 60 s at most.
        long started = System.nanoTime();
        load.start(WORKERS, PACE);
        Set<String> upstreams = Set.of();
        while (upstreams.size() < REPLICAS && seconds(started) < 60) {
            Thread.sleep(2_000);
            upstreams = answeringInstances();
        }
        List<Request> requests = load.stop();
        assertTrue(report("warm-up over 3 instances", requests, seconds(started)).isEmpty());
        assertEquals(REPLICAS, upstreams.size(), "the instances that answered: " + upstreams);
    }

    /** The instances nginx sent API requests to, from its access log (snippets/access-log-json.conf). */
    private static Set<String> answeringInstances() {
        String nginx = Podman.podman("ps", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT,
                "--filter", "label=com.docker.compose.service=nginx").output().trim();
        Set<String> upstreams = new HashSet<>();
        Podman.podman("logs", nginx).output().lines().filter(l -> l.contains("\"path\":\"/api/v1/todos"))
                .map(l -> l.replaceAll(".*\"upstream\":\"([^\"]*)\".*", "$1"))
                .forEach(tried -> upstreams.addAll(List.of(tried.split(", "))));
        return upstreams;
    }

    @Test
    @Order(2)
    void kill9OfOneInstanceLosesNoGetAndNoAcknowledgedWrite() throws IOException, InterruptedException {
        String victim = appInstances().get(0);
        long pid = Long.parseLong(Podman.inspect(victim, "{{.State.Pid}}"));
        long started = System.nanoTime();
        load.start(WORKERS, PACE);
        Thread.sleep(5_000);
        long killed = System.nanoTime();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false), "kill -9 " + pid);
        // The signal is sent at once, but a JVM takes a while to go; until then its kernel still
        // accepts connections (a request sent on one is lost with it).
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && seconds(killed) < 10) {
            Thread.sleep(5);
        }
        long gone = System.nanoTime();
        System.out.printf("scale-out proof: kill -9 sent; the process was gone %.0f ms later%n", (gone - killed) / 1e6);
        Thread.sleep(15_000);
        List<Request> requests = load.stop();

        List<Request> failed = report("kill -9 of 1 of 3 instances", requests, seconds(started));
        for (Request request : failed) {
            // The only failures allowed: a write sent to the instance as it died (nginx cannot know
            // whether it was applied, so it does not send it again).
            assertTrue(request.write() && request.sentWhileDying(killed, gone), "a request that must not fail: " + request
                    + String.format(" (sent %.0f ms after the signal)", (request.startedNanos() - killed) / 1e6));
        }
        System.out.printf("scale-out proof: requests lost per kill: %d (writes in flight on the killed instance)%n", failed.size());
        assertEveryAcknowledgedWriteIsStored();
        // The engine restarts the killed instance (restart: unless-stopped): three again for the upgrade.
        awaitHealthyInstances(REPLICAS, Duration.ofMinutes(3));
    }

    @Test
    @Order(3)
    void upgradeReplacesTheInstancesOneAtATimeWithoutAFailedRequest() throws IOException, InterruptedException {
        Podman.podman("tag", IMAGE + Bundle.version(), IMAGE + NEXT_VERSION).assertSuccess("podman tag");
        underLoad("upgrade", NEXT_VERSION, REPLICAS, "upgrade", NEXT_VERSION);
        assertEquals("CURRENT=" + NEXT_VERSION + "\nPREVIOUS=" + Bundle.version(),
                Files.readString(bundle.resolve("state/app-versions.env")).lines().filter(l -> !l.startsWith("#"))
                        .reduce((a, b) -> a + "\n" + b).orElse(""));
        assertEveryAcknowledgedWriteIsStored();
    }

    /**
     * Fewer instances (APP_REPLICAS=1 and start: the extra ones are stopped gracefully), then the
     * rollback, both under load: the same one-at-a-time replacement as the upgrade, on one instance
     * only to keep the proof short (each instance replaced costs a JVM start).
     */
    @Test
    @Order(4)
    void scaleDownThenRollbackWithoutAFailedRequest() throws IOException, InterruptedException {
        Path env = bundle.resolve(".env");
        Files.writeString(env, Files.readString(env).replaceFirst("(?m)^APP_REPLICAS=.*$", "APP_REPLICAS=1"));
        underLoad("scale down from 3 to 1", NEXT_VERSION, 1, "start");
        underLoad("rollback", Bundle.version(), 1, "rollback");
        assertEveryAcknowledgedWriteIsStored();
    }

    /** Runs manage-docker.sh COMMAND under the load; no request may fail; then COUNT instances run VERSION. */
    private static void underLoad(String what, String version, int count, String... command) throws InterruptedException {
        long started = System.nanoTime();
        load.start(WORKERS, PACE);
        Command.Result result = manage(command);
        List<Request> requests = load.stop();
        double duration = seconds(started);
        result.assertSuccess("manage-docker.sh " + String.join(" ", command));
        result.output().lines().filter(l -> l.matches(".* in [0-9]+ s\\b.*")).forEach(l -> System.out.println("  " + l));
        assertEquals(List.of(), report(what + " under load", requests, duration), "no request may fail during " + what);
        List<String> instances = appInstances();
        assertEquals(count, instances.size(), result.output());
        for (String id : instances) {
            assertEquals(IMAGE + version, Podman.inspect(id, "{{.Config.Image}}"), "every instance on " + version);
        }
        if (!command[0].equals("start")) {
            assertTrue(result.output().contains("backup written"), "a backup comes first:\n" + result.output());
        }
    }
}
