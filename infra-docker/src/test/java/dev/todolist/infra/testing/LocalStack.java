package dev.todolist.infra.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One stack proof's stack: the packaged bundle unpacked under target/, adapted to this machine by
 * src/test/stack/prepare-podman-local.sh (a MongoDB-wire stand-in in place of mongo:7, Debian-built
 * nginx), its .env from .env.example with random loopback ports and the project's name, and driven
 * by its own manage-docker.sh on podman's Docker-API socket. The caller holds the {@link StackLock}.
 */
public final class LocalStack {

    /** Random-looking, as the API's production check wants (no template word, enough distinct characters). */
    private static final String SESSION_SECRET = "k3J9vQ2xLm8RtY5wZp1NcB7dFh4GsA6eUq0Vi7Tb";

    private final String project;
    private final Path bundle;
    private final int httpsPort;
    private final int httpPort;

    private LocalStack(String project, Path bundle, int httpPort, int httpsPort) {
        this.project = project;
        this.bundle = bundle;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** Unpacks and prepares the bundle for PROJECT; SETTINGS may change the .env made from .env.example. */
    public static LocalStack prepare(String project, UnaryOperator<String> settings) throws IOException {
        Path bundle = Bundle.unpack(project);
        LocalStack stack = new LocalStack(project, bundle, freePort(), freePort());
        Command.run(List.of("bash", Bundle.projectRoot().resolve("infra-docker/src/test/stack/prepare-podman-local.sh").toString(),
                bundle.toString()), Duration.ofMinutes(1)).assertSuccess("prepare-podman-local.sh");
        String env = Files.readString(bundle.resolve(".env.example"))
                .replaceFirst("(?m)^SESSION_SECRET=.*$", "SESSION_SECRET=" + SESSION_SECRET)
                .replaceFirst("(?m)^MONGO_INITDB_ROOT_PASSWORD=.*$", "MONGO_INITDB_ROOT_PASSWORD=StackItMongo9f3k2q8w7e")
                .replaceFirst("(?m)^COMPOSE_PROJECT_NAME=.*$", "COMPOSE_PROJECT_NAME=" + project)
                .replaceFirst("(?m)^NGINX_BIND_ADDRESS=.*$", "NGINX_BIND_ADDRESS=127.0.0.1")
                .replaceFirst("(?m)^NGINX_HTTP_PORT=.*$", "NGINX_HTTP_PORT=" + stack.httpPort)
                .replaceFirst("(?m)^NGINX_HTTPS_PORT=.*$", "NGINX_HTTPS_PORT=" + stack.httpsPort)
                .replaceFirst("(?m)^PUBLIC_BASE_URL=.*$", "PUBLIC_BASE_URL=" + stack.https(""));
        Path file = bundle.resolve(".env");
        Files.writeString(file, settings.apply(env));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return stack;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public Path bundle() {
        return bundle;
    }

    public String https(String path) {
        return "https://127.0.0.1:" + httpsPort + path;
    }

    /** ./manage-docker.sh ARGS in the bundle, on podman's socket, healthchecks run every 2 s. */
    public Command.Result manage(String... args) {
        List<String> command = new ArrayList<>(List.of(bundle.resolve("manage-docker.sh").toString()));
        command.addAll(List.of(args));
        return Command.run(command, bundle, Map.of("TODOLIST_HEALTH_TICK_SECONDS", "2",
                "DOCKER_HOST", "unix://" + Podman.SOCKET), Duration.ofMinutes(6));
    }

    /** The container of SERVICE in this project, running or not (its id: names are Compose's). */
    public String container(String service) {
        String id = Podman.podman("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=" + service).output().trim();
        if (id.isEmpty() || id.contains("\n")) {
            throw new AssertionError("not one container of " + service + ": '" + id + "'");
        }
        return id;
    }

    /** Waits until GET /health through nginx answers 200. */
    public void awaitApiThroughNginx(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Curl.call("-k", "-o", "/dev/null", https("/health")).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the API does not answer through nginx after " + timeout);
            }
            Thread.sleep(1_000);
        }
    }

    /** Every service's log into target/NAME, then the stack stopped (containers and networks removed). */
    public void stop(String logFile) throws IOException {
        if (Files.isDirectory(bundle.resolve("data"))) {
            Files.writeString(Path.of("target", logFile), manage("logs", "--no-follow").output());
            manage("stop");
        }
    }
}
