package dev.todolist.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run behind the quick-start jar's class-data-sharing archive: the build runs this
 * class from the {@code -all} jar under {@code -XX:ArchiveClassesAtExit}, and the JVM writes every
 * class this start loaded, parsed and verified, into the archive when it exits. A later
 * {@code java -XX:SharedArchiveFile=<archive> -jar <the same jar>} maps those classes instead of
 * reading them from the jar, which is most of what a start costs (docs/operations.md).
 *
 * <p>It starts the service as {@link TodoApplication#main} does, on the embedded default in a data
 * directory of its own and on free ports, waits for the first healthy {@code GET /health} (the path
 * "start to healthy" measures), and stops.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=ARCHIVE -cp JAR dev.todolist.api.StartupTraining DATA_DIR}
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining DATA_DIR (a directory it may delete)");
            System.exit(2);
        }
        Path dataDirectory = Path.of(args[0]);
        deleteRecursively(dataDirectory);
        StartupSettings settings = StartupSettings.fromEnvironment(Map.of("TODO_DATA_DIR", dataDirectory.toString()));
        int status;
        try (RunningApplication application = RunningApplication.start(settings,
                Map.of("micronaut.server.port", -1, "todolist.management.port", freePort()))) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(application.url() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            status = health.statusCode();
        }
        deleteRecursively(dataDirectory);
        if (status != 200) {
            System.err.println("the training start was not healthy: GET /health answered " + status);
            System.exit(1);
        }
        // The archive is written at exit, which must not wait for the non-daemon threads of libraries.
        System.exit(0);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
