package dev.todolist.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.infra.testing.Curl;
import dev.todolist.infra.testing.Curl.Exchange;
import dev.todolist.testing.Needs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.todolist.testing.Prerequisite.CURL;
import static dev.todolist.testing.Prerequisite.NGINX;
import static dev.todolist.testing.Prerequisite.OPENSSL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle's nginx configuration, run by the real nginx on loopback in front of the real API
 * jar (its embedded database). Only the host-specific values are rewritten (upstream address,
 * listen ports, paths); each rewrite must match, so the configuration under test is the shipped one.
 */
@Needs({NGINX, CURL, OPENSSL})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxLoopbackIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECURITY_HEADERS = List.of("strict-transport-security", "x-content-type-options",
            "x-frame-options", "referrer-policy", "content-security-policy");

    private static Path work;
    private static Process api;
    private static Process nginx;
    private static int apiPort;
    private static int httpPort;
    private static int httpsPort;
    private static int managementPort;

    @BeforeAll
    static void startApiAndNginx() throws Exception {
        Path jar = Path.of(System.getProperty("todolist.api.jar",
                Bundle.projectRoot().resolve("todo-api/target/todo-api-" + Bundle.version() + "-all.jar").toString()));
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("no API jar at " + jar + ": build todo-api first (the reactor does)");
        }
        work = Path.of("target", "nginx-it").toAbsolutePath();
        Bundle.deleteRecursively(work);
        Files.createDirectories(work.resolve("run"));
        Files.createDirectories(work.resolve("certs"));
        apiPort = freePort();
        httpPort = freePort();
        httpsPort = freePort();

        ProcessBuilder apiBuilder = new ProcessBuilder("java", "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("api.log").toFile())
                .directory(work.toFile());
        apiBuilder.environment().put("APP_PORT", String.valueOf(apiPort));
        managementPort = freePort();
        apiBuilder.environment().put("MANAGEMENT_PORT", String.valueOf(managementPort));
        apiBuilder.environment().put("TODO_DATA_DIR", work.resolve("data").toString());
        apiBuilder.environment().remove("MONGODB_URI");
        api = apiBuilder.start();

        renderNginxConfiguration();
        Command.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-keyout", work.resolve("certs/tls.key").toString(), "-out", work.resolve("certs/tls.crt").toString()),
                Duration.ofMinutes(1)).assertSuccess("openssl req");
        Command.run(nginxCommand("-t"), Duration.ofMinutes(1)).assertSuccess("nginx -t on the bundle's configuration");
        nginx = new ProcessBuilder(nginxCommand()).redirectErrorStream(true)
                .redirectOutput(work.resolve("nginx.log").toFile()).start();

        awaitPort(httpsPort, Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (curl("-k", "https://127.0.0.1:" + httpsPort + "/health").status() != 200) {
            if (System.nanoTime() > deadline || !api.isAlive()) {
                throw new AssertionError("the API did not become healthy behind nginx:\n" + Files.readString(work.resolve("api.log")));
            }
            Thread.sleep(500);
        }
        Curl.signIn("https://127.0.0.1:" + httpsPort, "nginx-it@example.org");
    }

    @AfterAll
    static void stopNginxAndApi() throws InterruptedException {
        for (Process process : new Process[] {nginx, api}) {
            if (process != null) {
                process.destroy();
                process.waitFor();
            }
        }
    }

    private static List<String> nginxCommand(String... extra) {
        List<String> command = new ArrayList<>(List.of("nginx", "-e", "stderr", "-p", work.toString() + "/",
                "-c", work.resolve("nginx/nginx.conf").toString()));
        command.addAll(List.of(extra));
        return command;
    }

    /** Copies the bundle's nginx/ and rewrites what only makes sense inside the container. */
    private static void renderNginxConfiguration() throws IOException {
        Path bundle = Bundle.unpack("nginx-it-bundle");
        Path source = bundle.resolve("nginx");
        Path target = work.resolve("nginx");
        Map<String, String> rewrites = new LinkedHashMap<>();
        rewrites.put("default todolist-app:3000", "default 127.0.0.1:" + apiPort);
        rewrites.put("listen 8080 default_server", "listen 127.0.0.1:" + httpPort + " default_server");
        rewrites.put("listen 8443 ssl http2 default_server", "listen 127.0.0.1:" + httpsPort + " ssl http2 default_server");
        rewrites.put("/etc/nginx/todolist/", target + "/");
        rewrites.put("/etc/nginx/certs/", work.resolve("certs") + "/");
        rewrites.put("/tmp/", work.resolve("run") + "/");
        Map<String, Integer> applied = new LinkedHashMap<>();
        rewrites.keySet().forEach(k -> applied.put(k, 0));
        // One pass over the text for all rewrites: a rewritten path may itself contain /tmp/ (a checkout under /tmp).
        Pattern anyRewrite = Pattern.compile(rewrites.keySet().stream().map(Pattern::quote)
                .collect(Collectors.joining("|")));
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (file.toString().endsWith(".conf")) {
                    String text = anyRewrite.matcher(Files.readString(file)).replaceAll(match -> {
                        applied.merge(match.group(), 1, Integer::sum);
                        return Matcher.quoteReplacement(rewrites.get(match.group()));
                    });
                    Files.writeString(copy, text);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        applied.forEach((from, count) -> assertTrue(count > 0, "the configuration no longer contains '" + from + "'"));
        // What the container's command writes before nginx starts: the shipped script, this host's DNS.
        Command.run(List.of("bash", target.resolve("runtime-conf.sh").toString(), work.resolve("run/todolist-runtime.conf").toString()),
                work, Map.of("NGINX_PUBLIC_HTTPS_PORT", String.valueOf(httpsPort)), Duration.ofSeconds(30))
                .assertSuccess("runtime-conf.sh");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }

    static Exchange curl(String... args) {
        return Curl.call(args);
    }

    private static String https(String path) {
        return "https://127.0.0.1:" + httpsPort + path;
    }

    private static void assertSecurityHeaders(Exchange exchange, String what) {
        for (String header : SECURITY_HEADERS) {
            assertTrue(exchange.headers().containsKey(header), what + ": no " + header + " in " + exchange.headers());
        }
    }

    private static void assertProblem(Exchange exchange, int status, String type) throws IOException {
        assertEquals(status, exchange.status(), exchange.body());
        assertTrue(String.valueOf(exchange.header("content-type")).startsWith("application/problem+json"), exchange.headers().toString());
        JsonNode problem = JSON.readTree(exchange.body());
        assertEquals("https://todolist.dev/problems/" + type, problem.get("type").asText(), exchange.body());
        assertEquals(status, problem.get("status").asInt());
    }

    @Test
    @Order(1)
    void plainHttpIsRedirectedToHttpsWithPathQueryAndThePublicHttpsPort() {
        Exchange redirect = curl("http://127.0.0.1:" + httpPort + "/api/v1/todos?completed=false");
        assertEquals(301, redirect.status());
        assertEquals("https://127.0.0.1:" + httpsPort + "/api/v1/todos?completed=false", redirect.header("location"));
        assertEquals(200, curl("http://127.0.0.1:" + httpPort + "/nginx-health").status());
    }

    @Test
    @Order(2)
    void httpsNegotiatesHttp2AndModernTlsOnly() {
        Command.Result http2 = Command.run(List.of("curl", "-sS", "-k", "-o", "/dev/null", "-w", "%{http_version}",
                https("/health")), Duration.ofSeconds(30));
        assertEquals("2", http2.output().trim());
        Command.Result tls12 = Command.run(List.of("curl", "-sS", "-k", "--tlsv1.2", "--tls-max", "1.2", "-o", "/dev/null",
                "-w", "%{http_code}", https("/health")), Duration.ofSeconds(30));
        assertEquals("200", tls12.output().trim());
        Command.Result tls11 = Command.run(List.of("sh", "-c", "echo | openssl s_client -connect 127.0.0.1:" + httpsPort
                + " -tls1_1 -cipher 'DEFAULT@SECLEVEL=0' 2>&1"), Duration.ofSeconds(30));
        assertTrue(tls11.output().contains("alert protocol version"), "TLS 1.1 must be refused by the server:\n" + tls11.output());
    }

    @Test
    @Order(3)
    void apiAnswersThroughNginxWithTheClientsSchemeAndHostAndSecurityHeaders() throws IOException {
        Exchange created = curl("-k", "-H", "Content-Type: application/json", "-d", "{\"title\":\"through nginx\"}",
                https("/api/v1/todos"));
        assertEquals(201, created.status(), created.body());
        assertTrue(JSON.readTree(created.body()).get("url").asText().startsWith(https("/api/v1/todos/")),
                "X-Forwarded-Proto and the client's Host:port reach the API: " + created.body());
        assertSecurityHeaders(created, "an API answer");
        assertEquals("max-age=63072000; includeSubDomains", created.header("strict-transport-security"));
        assertEquals("nosniff", created.header("x-content-type-options"));
    }

    @Test
    @Order(4)
    void jsonIsGzippedForClientsThatAcceptIt() {
        for (int i = 0; i < 8; i++) {
            curl("-k", "-H", "Content-Type: application/json", "-d", "{\"title\":\"padding todo number " + i + "\"}",
                    https("/api/v1/todos"));
        }
        Exchange gzipped = curl("-k", "-H", "Accept-Encoding: gzip", "-o", "/dev/null", https("/api/v1/todos"));
        assertEquals(200, gzipped.status());
        assertEquals("gzip", gzipped.header("content-encoding"), gzipped.headers().toString());
        assertEquals("Accept-Encoding", gzipped.header("vary"), gzipped.headers().toString());
        Exchange plain = curl("-k", "-o", "/dev/null", https("/api/v1/todos"));
        assertEquals(null, plain.header("content-encoding"));
    }

    @Test
    @Order(5)
    void staticAssetsAreCachedForAYearWithOneCacheControlHeader() throws IOException {
        Exchange icon = curl("-k", "-o", "/dev/null", https("/favicon.ico"));
        assertEquals(200, icon.status());
        assertEquals(List.of("public, max-age=31536000, immutable"), icon.headers().get("cache-control"));
        assertSecurityHeaders(icon, "a static asset");
        Exchange missing = curl("-k", https("/app.js"));
        assertProblem(missing, 404, "not-found");
        assertFalse(missing.headers().containsKey("cache-control"), "a missing asset must not be cached for a year");
        Exchange apiPathLikeAnAsset = curl("-k", https("/api/v1/todos/x.js"));
        assertFalse(apiPathLikeAnAsset.headers().containsKey("cache-control"), "API paths are never static assets");
    }

    @Test
    @Order(6)
    void metricsAndManagementAreNotReachableThroughNginx() throws IOException {
        // Control: the API does serve metrics (on its main port until the management port lands, then there).
        assertTrue(curl("http://127.0.0.1:" + apiPort + "/metrics").status() == 200
                || curl("http://127.0.0.1:" + managementPort + "/metrics").status() == 200, "the API serves no /metrics");
        String nginxNotFound = Files.readString(work.resolve("nginx/errors/404.json")).trim();
        for (String path : List.of("/metrics", "/metrics/", "/management/health/liveness", "/management/health/readiness",
                "/api/../metrics", "/%6Detrics")) {
            Exchange blocked = curl("-k", "--path-as-is", https(path));
            assertProblem(blocked, 404, "not-found");
            assertEquals(nginxNotFound, blocked.body().trim(), path + ": nginx itself must answer");
            assertSecurityHeaders(blocked, path);
        }
    }

    /**
     * nginx sets X-Forwarded-For to the address it sees, so a client cannot pick its own throttle key:
     * failed sign-ins, each claiming another address, are all counted against the one client and
     * the API's per-address throttle (20 failures) locks it.
     */
    @Test
    @Order(7)
    void aClientCannotChooseItsThrottleKeyThroughXForwardedFor() throws InterruptedException {
        Curl.assertForgedForwardedForIsIgnoredByTheSprayThrottle(https("/api/v1/sessions"));
    }

    @Test
    @Order(8)
    void burstBeyondTwentyPerSecondGets429AsProblemJson() throws IOException, InterruptedException {
        Thread.sleep(2_500); // an empty bucket to start from
        int requests = 120;
        Path bodies = work.resolve("burst");
        Files.createDirectories(bodies);
        long started = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("curl", "-sk", "--no-progress-meter", "--http1.1", "--parallel",
                "--parallel-immediate", "--parallel-max", String.valueOf(requests)));
        command.addAll(Curl.authorization());
        command.addAll(List.of(https("/api/v1/todos?page=[1-" + requests + "]"), "-o", bodies + "/#1.json",
                "-w", "%{http_code} %{url}\\n"));
        Command.Result burst = Command.run(command, Duration.ofMinutes(1));
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, List<String>> byStatus = new LinkedHashMap<>();
        burst.output().lines().filter(l -> l.matches("\\d{3} .*"))
                .forEach(l -> byStatus.computeIfAbsent(l.substring(0, 3), k -> new ArrayList<>()).add(l.substring(4)));
        int ok = byStatus.getOrDefault("200", List.of()).size();
        List<String> limited = byStatus.getOrDefault("429", List.of());
        System.out.printf("nginx rate limit: %d concurrent requests in %.2f s -> %d x 200, %d x 429 (all: %s)%n",
                requests, seconds, ok, limited.size(), byStatus.keySet());
        assertEquals(requests, ok + limited.size(), burst.output());
        // 20 r/s with a burst of 40 served at once: about 41 pass, plus 20 per second the burst lasts.
        assertTrue(ok >= 41 && ok <= 41 + 20 * Math.ceil(seconds) + 1, "passed: " + ok);
        assertTrue(limited.size() >= requests - 41 - 20 * Math.ceil(seconds) - 1, "429: " + limited.size());

        String page = limited.get(0).replaceAll(".*page=", "");
        Exchange rejected = new Exchange(429, Map.of("content-type", List.of("application/problem+json")),
                Files.readString(bodies.resolve(page + ".json")));
        assertProblem(rejected, 429, "rate-limited");

        Thread.sleep(2_500);
        assertEquals(200, curl("-k", "-o", "/dev/null", https("/api/v1/todos")).status(), "the limit recovers");
    }

    @Test
    @Order(9)
    void rateLimitedAnswerCarriesProblemTypeAndSecurityHeaders() throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-sk", "--no-progress-meter", "--http1.1", "--parallel",
                "--parallel-immediate", "--parallel-max", "100", "-D", "-", "-o", "/dev/null"));
        command.addAll(Curl.authorization());
        command.add(https("/api/v1/todos?page=[1-100]"));
        Command.Result burst = Command.run(command, Duration.ofMinutes(1));
        String head = burst.output().lines().dropWhile(l -> !l.startsWith("HTTP/1.1 429")).takeWhile(l -> !l.isBlank())
                .reduce("", (a, b) -> a + b + "\n").toLowerCase();
        assertTrue(head.startsWith("http/1.1 429"), "no 429 in a burst of 100:\n" + burst.output());
        assertTrue(head.contains("content-type: application/problem+json"), head);
        assertTrue(head.contains("retry-after: 1"), "a 429 says when to try again:\n" + head);
        for (String header : SECURITY_HEADERS) {
            assertTrue(head.contains(header + ":"), header + " missing on a 429:\n" + head);
        }
    }

    @Test
    @Order(10)
    void appDownGives502AsProblemJson() throws IOException, InterruptedException {
        api.destroy();
        api.waitFor();

        Exchange down = curl("-k", https("/health"));
        assertProblem(down, 502, "upstream-unavailable");
        assertSecurityHeaders(down, "a 502");
        assertEquals(List.of("5"), down.headers().get("retry-after"), "a 502 says when to try again");
        Thread.sleep(1_100);
        assertProblem(curl("-k", https("/api/v1/todos")), 502, "upstream-unavailable");
    }
}
