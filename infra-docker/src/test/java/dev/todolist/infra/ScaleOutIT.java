package dev.todolist.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.infra.testing.LoadGenerator;
import dev.todolist.infra.testing.ManageDocker;
import dev.todolist.infra.testing.NginxLog;
import dev.todolist.infra.testing.NginxLog.Entry;
import dev.todolist.infra.testing.LoadGenerator.Request;
import dev.todolist.infra.testing.Podman;
import dev.todolist.infra.testing.StackLock;
import dev.todolist.infra.testing.TestAccounts;
import dev.todolist.testing.Needs;
import dev.todolist.testing.TestPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.todolist.testing.Prerequisite.DOCKER_COMPOSE;
import static dev.todolist.testing.Prerequisite.FLOCK;
import static dev.todolist.testing.Prerequisite.PODMAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three app instances behind the real nginx, from the packaged bundle and its manage-docker.sh
 * (APP_REPLICAS=3), on podman with Debian's docker-compose 1.29: the sign-in throttles count every
 * instance's attempts; then, under a bounded load (4 workers, about 11 requests/s, half GETs, half
 * POSTs), a kill -9 of one instance loses no GET and no acknowledged write; `upgrade` replaces the
 * three instances one at a time without a failed request; scaling down to one instance and
 * `rollback` fail none either. Every failed request is counted and printed, with the figures
 * (attempts per instance, requests lost per kill, upgrade duration). As in StackIT, the MongoDB
 * service is a MONGODB-WIRE STAND-IN (docker-compose.override.yml, used only here), not mongo:7.
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
    /** The API's default throttle limits (ThrottleSettings; the bundle's .env sets none). */
    private static final int ACCOUNT_FAILURES = 5;
    private static final int ADDRESS_FAILURES = 20;
    /** The problem type of the API's own 429 (ThrottledException). */
    private static final String THROTTLED_TYPE = "https://todolist.dev/problems/too-many-requests";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        try {
            load = LoadGenerator.signedIn(baseUrl, bundle.resolve("certs/tls.crt"), "scale-it@example.org");
        } catch (AssertionError refused) {
            // nginx's own 502 says nothing of why: its error log does (refused, unresolved, closed).
            throw new AssertionError(refused.getMessage() + "; nginx's error log: "
                    + String.join(" | ", NginxLog.errors(PROJECT)), refused);
        }
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

    /** The instances nginx sent API requests to, from its access log. */
    private static Set<String> answeringInstances() {
        Set<String> upstreams = new HashSet<>();
        NginxLog.requests(PROJECT).stream().filter(r -> r.path().startsWith("/api/v1/todos"))
                .forEach(r -> upstreams.addAll(r.upstreams()));
        return upstreams;
    }

    /**
     * The sign-in throttles hold across the three instances, through nginx: they count in MongoDB,
     * not in each instance. With the API's default limits (ThrottleSettings: 5 failures per account,
     * 20 failed sign-ins per client address, in 15 min), one account's 5 wrong passwords lock it,
     * so that even the right one is refused; then 15 more failures, each for another email, make the
     * client's address's 20 (the account's 5 count too: every failed sign-in of the address does),
     * and the next sign-in is refused. Both refusals must be the API's own 429 (problem type
     * too-many-requests, Retry-After, answered by an instance), not nginx's rate limit (its own 429
     * page, type rate-limited, answered by nginx alone): the sign-ins go 100 ms apart, far under
     * 20 r/s. nginx's access log shows which instance answered each attempt: the 20 failures must
     * have reached at least two instances, so no instance counted them all on its own (nginx picks
     * an instance at random per request; all 20 on one happens once in 3^19 runs).
     *
     * <p>The client's address stays locked for sign-ins for the window; the later proofs never sign
     * in again (the load generator's session token, taken in @BeforeAll, is all they use).
     */
    @Test
    @Order(2)
    void theSignInThrottlesHoldAcrossTheInstances() throws IOException, InterruptedException {
        HttpClient client = LoadGenerator.client(bundle.resolve("certs/tls.crt"));
        String nginxOwnType = JSON.readTree(bundle.resolve("nginx/errors/429.json").toFile()).get("type").asText();
        int before = signInsLogged().size();
        String victim = "locked-out@example.org";
        HttpResponse<String> signUp = TestAccounts.post(client, baseUrl + "/api/v1/users", victim, TestAccounts.PASSWORD);
        assertEquals(201, signUp.statusCode(), signUp.body());

        for (int failure = 1; failure <= ACCOUNT_FAILURES; failure++) {
            assertSignInRefused(401, signIn(client, victim, "wrong guess " + failure), "failure " + failure + " on the account");
        }
        HttpResponse<String> accountLocked = signIn(client, victim, TestAccounts.PASSWORD);
        String accountRetryAfter = assertTheApiThrottled(accountLocked, nginxOwnType, "the right password on the locked account");
        List<Entry> account = awaitSignInsLogged(before, ACCOUNT_FAILURES + 1);

        for (int failure = ACCOUNT_FAILURES + 1; failure <= ADDRESS_FAILURES; failure++) {
            // 401, not 429: the address is not locked yet, so the refusal above was the account's lock.
            assertSignInRefused(401, signIn(client, "sprayed-" + failure + "@example.org", "Summer2026!"),
                    "failure " + failure + " from the address, on another account");
        }
        HttpResponse<String> addressLocked = signIn(client, "sprayed-next@example.org", "Summer2026!");
        String addressRetryAfter = assertTheApiThrottled(addressLocked, nginxOwnType, "a sign-in from the locked address");
        List<Entry> attempts = awaitSignInsLogged(before, ADDRESS_FAILURES + 2);

        List<Entry> failures = attempts.stream().filter(r -> r.status() == 401).toList();
        List<Entry> refusals = attempts.stream().filter(r -> r.status() == 429).toList();
        assertEquals(ADDRESS_FAILURES, failures.size(), "failed sign-ins in nginx's log: " + attempts);
        assertEquals(List.of(account.get(ACCOUNT_FAILURES), attempts.get(attempts.size() - 1)), refusals, "the two refusals");
        for (Entry refusal : refusals) {
            assertFalse(refusal.answeredBy().isEmpty(), "the 429 came from an instance, not from nginx: " + refusal);
        }
        Map<String, Long> perInstance = perInstance(failures);
        System.out.printf("scale-out proof: throttle across instances: the account locked after %d failures answered by"
                        + " %s, the right password then refused 429 by %s (Retry-After %s s)%n", ACCOUNT_FAILURES,
                perInstance(account.subList(0, ACCOUNT_FAILURES)), account.get(ACCOUNT_FAILURES).answeredBy(), accountRetryAfter);
        System.out.printf("scale-out proof: throttle across instances: the address locked after %d failed sign-ins answered by"
                        + " %s, the next refused 429 by %s (Retry-After %s s)%n", ADDRESS_FAILURES, perInstance,
                refusals.get(1).answeredBy(), addressRetryAfter);
        assertTrue(perInstance.size() >= 2, "the failures must have reached several instances: " + perInstance);
    }

    private static HttpResponse<String> signIn(HttpClient client, String email, String password)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = TestAccounts.post(client, baseUrl + "/api/v1/sessions", email, password);
        // 10 sign-ins per second at most: nginx's rate limit (20 r/s per address) never answers them.
        Thread.sleep(100);
        return answer;
    }

    private static void assertSignInRefused(int status, HttpResponse<String> answer, String what) {
        assertEquals(status, answer.statusCode(), what + ": " + answer.body());
    }

    /** ANSWER is the API's throttle, not nginx's rate limit (whose problem type is NGINX_OWN_TYPE); returns its Retry-After. */
    private static String assertTheApiThrottled(HttpResponse<String> answer, String nginxOwnType, String what) throws IOException {
        assertSignInRefused(429, answer, what);
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
        String type = JSON.readTree(answer.body()).path("type").asText();
        assertEquals(THROTTLED_TYPE, type, what + " must be the API's throttle, not nginx's " + nginxOwnType + ": " + answer.body());
        String retryAfter = answer.headers().firstValue("Retry-After").orElseThrow(() -> new AssertionError(what + ": no Retry-After"));
        assertTrue(retryAfter.matches("[1-9][0-9]*"), what + ": Retry-After " + retryAfter);
        return retryAfter;
    }

    private static List<Entry> signInsLogged() {
        return NginxLog.requests(PROJECT).stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/v1/sessions")).toList();
    }

    /** The COUNT sign-ins nginx logged after the first SKIP (its log lines reach podman a moment after the answer). */
    private static List<Entry> awaitSignInsLogged(int skip, int count) throws InterruptedException {
        List<Entry> signIns = signInsLogged();
        for (int tries = 0; signIns.size() < skip + count && tries < 20; tries++) {
            Thread.sleep(250);
            signIns = signInsLogged();
        }
        assertEquals(skip + count, signIns.size(), "sign-ins in nginx's log: " + signIns);
        return signIns.subList(skip, skip + count);
    }

    /** How many of REQUESTS each instance answered. */
    private static Map<String, Long> perInstance(List<Entry> requests) {
        return requests.stream().collect(Collectors.groupingBy(Entry::answeredBy, TreeMap::new, Collectors.counting()));
    }

    @Test
    @Order(3)
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
    @Order(4)
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
    @Order(5)
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
