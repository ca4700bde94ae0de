package dev.todolist.api.webapp;

import dev.todolist.testing.TestPorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The shaded API jar a user runs (the quick start's command), on the embedded store in a fresh
 * directory and on free ports, for the browser tests. Its output goes to a log file in target/.
 */
record RunningJar(Process process, URI base, Path log) implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** Starts the jar named by the todolist.jar system property (failsafe sets it) with extra environment. */
    static RunningJar start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("todolist.jar", "target/todo-api-all.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no API jar at " + jar + ": run through failsafe after package");
        }
        Path data = Files.createTempDirectory("todolist-" + name);
        Path log = Path.of("target", name + "-server.log").toAbsolutePath();
        int port = TestPorts.free();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "APP_PORT", Integer.toString(port),
                "MANAGEMENT_PORT", Integer.toString(TestPorts.free()),
                "TODO_DATA_DIR", data.toString(),
                // Every browser test signs a user up from 127.0.0.1.
                "TODOLIST_THROTTLE_ADDRESS_SIGN_UPS", "10000",
                "TODOLIST_THROTTLE_ADDRESS_FAILURES", "10000",
                // Cheap password hashes, as in the API's own tests: each browser test hashes or checks a
                // password three times or more, at 0.3-1.4 s each at the production cost on a loaded
                // machine, and proves nothing about the hash.
                "TODOLIST_PASSWORD_HASH_MEMORY_KIB", "1024",
                "TODOLIST_PASSWORD_HASH_ITERATIONS", "1"));
        builder.environment().putAll(environment);
        RunningJar jarProcess = new RunningJar(builder.start(), URI.create("http://localhost:" + port), log);
        jarProcess.awaitHealthy();
        return jarProcess;
    }

    String url(String path) {
        return base.resolve(path).toString();
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the API jar exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> health = client.send(HttpRequest.newBuilder(base.resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the API jar did not answer /health within " + START_TIMEOUT + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
