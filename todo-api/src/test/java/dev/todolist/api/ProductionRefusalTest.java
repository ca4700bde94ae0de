package dev.todolist.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real main class in a child JVM, as an operator would. */
class ProductionRefusalTest {

    @TempDir
    Path workDir;

    @Test
    void productionWithoutMongodbUriExitsWithOneLineReasonAndNoStackTrace() throws Exception {
        List<String> lines = runRefused(Map.of());
        assertTrue(lines.get(0).contains("MONGODB_URI"), lines.get(0));
        assertFalse(Files.exists(workDir.resolve("data")), "no embedded store may be created");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing SESSION_SECRET|||SESSION_SECRET is required",
            "short SESSION_SECRET|only-twenty-chars-xx||must be at least 32 characters",
            "template placeholder|change-me-to-a-long-random-string-please||example value",
            "repeated character|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa||example value",
            "short previous secret|k7Qw9zR2mX4vB8nL1pT6yH3jF5dS0aGcEe|too-short|SESSION_SECRET_PREVIOUS must be at least 32"})
    void productionRefusesAnUnusableSessionSecret(String name, String secret, String previous, String reason)
            throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("MONGODB_URI", "mongodb://127.0.0.1:1/todolist");
        if (secret != null) {
            env.put("SESSION_SECRET", secret);
        }
        if (previous != null) {
            env.put("SESSION_SECRET_PREVIOUS", previous);
        }
        List<String> lines = runRefused(env);
        assertTrue(lines.get(0).contains(reason), lines.get(0));
        if (secret != null) {
            assertFalse(lines.get(0).contains(secret), "the secret itself is never printed");
        }
    }

    @ParameterizedTest(name = "APP_ENV={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"prod", "Live", "production-eu"})
    void anUnknownEnvironmentNameIsRefusedNotRunAsDevelopment(String name) throws Exception {
        List<String> lines = runRefused(Map.of("APP_ENV", name));
        assertTrue(lines.get(0).contains("unknown environment") && lines.get(0).contains("production"), lines.get(0));
        assertFalse(Files.exists(workDir.resolve("data")), "no embedded store may be created");
    }

    @Test
    void aCorsVariableThatWouldAllowCredentialsFromAnyOriginIsRefused() throws Exception {
        // Micronaut splits this name every possible way; one split is a configuration of its own, which
        // allows credentials by default, from any origin.
        List<String> lines = runRefused(Map.of("APP_ENV", "development",
                "MICRONAUT_SERVER_CORS_CONFIGURATIONS_API_ALLOWED_ORIGINS", "https://app.example"));
        assertTrue(lines.get(0).contains("CORS") && lines.get(0).contains("TODOLIST_CORS_ALLOWED_ORIGINS"), lines.get(0));
    }

    /** Runs main() in production with {@code env}; asserts exit status 2 and one line on stderr, and returns it. */
    private List<String> runRefused(Map<String, String> env) throws Exception {
        Path stderr = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                TodoApplication.class.getName())
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("SESSION_SECRET");
        builder.environment().remove("SESSION_SECRET_PREVIOUS");
        builder.environment().remove("APP_ENV");
        builder.environment().put("NODE_ENV", "production");
        builder.environment().put("APP_PORT", "0");
        builder.environment().putAll(env);

        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the refused process should exit by itself");

        assertEquals(TodoApplication.EXIT_REFUSED, process.exitValue());
        List<String> lines = readLines(stderr);
        assertEquals(1, lines.size(), "stderr: " + lines);
        assertTrue(lines.get(0).startsWith("todolist: not starting: "), lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), lines.get(0));
        return lines;
    }

    private static List<String> readLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }
}
