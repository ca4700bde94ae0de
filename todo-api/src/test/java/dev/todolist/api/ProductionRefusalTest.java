package dev.todolist.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Path stderr = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                TodoApplication.class.getName())
                .directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile());
        builder.environment().remove("MONGODB_URI");
        builder.environment().remove("APP_ENV");
        builder.environment().put("NODE_ENV", "production");
        builder.environment().put("APP_PORT", "0");

        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the refused process should exit by itself");

        assertEquals(TodoApplication.EXIT_REFUSED, process.exitValue());
        List<String> lines = readLines(stderr);
        assertEquals(1, lines.size(), "stderr: " + lines);
        assertTrue(lines.get(0).contains("MONGODB_URI"), lines.get(0));
        assertFalse(lines.get(0).contains("Exception"), lines.get(0));
        assertFalse(Files.exists(workDir.resolve("data")), "no embedded store may be created");
    }

    private static List<String> readLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }
}
