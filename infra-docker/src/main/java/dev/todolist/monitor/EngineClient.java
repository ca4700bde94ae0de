package dev.todolist.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two calls of the Docker Engine API that healing needs (podman's service answers the same
 * compatible API): list a Compose service's containers, restart one. Over the engine's unix
 * socket (or TCP, e.g. a filtering proxy), which the JDK's HttpClient cannot use.
 * <p>
 * Requests are HTTP/1.0 on purpose: the engine (Go's net/http, Docker's and podman's) then never
 * uses chunked encoding and closes the connection after the answer, so an answer is simply read
 * to its end. A watchdog closes a connection that outlasts its timeout.
 */
final class EngineClient {

    /**
     * A container of the service: its id, state ("running", "exited", ...) and its healthcheck's
     * status ("starting", "healthy", "unhealthy"; empty without one), from its inspection (podman's
     * listing shows no health).
     */
    record Container(String id, String state, String health) {

        /** Down in the engine's eyes, or failing its own healthcheck. */
        boolean needsRestart() {
            return !"running".equals(state) || "unhealthy".equals(health);
        }

        /** Started, and its healthcheck has not passed yet: restarting it would only start it over. */
        boolean starting() {
            return "running".equals(state) && "starting".equals(health);
        }

        String describe() {
            return (id.length() > 12 ? id.substring(0, 12) : id) + " (" + state + (health.isEmpty() ? "" : ", " + health) + ")";
        }
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "engine-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private final URI engine;
    private final ObjectMapper json;

    EngineClient(URI engine, ObjectMapper json) {
        this.engine = engine;
        this.json = json;
    }

    /** The containers of SERVICE in PROJECT, running or not (Compose's labels). */
    List<Container> containers(String project, String service, Duration timeout) throws IOException {
        String filters = json.writeValueAsString(Map.of("label",
                List.of("com.docker.compose.project=" + project, "com.docker.compose.service=" + service)));
        String body = expect(200, "GET", "/containers/json?all=1&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8), timeout);
        List<Container> containers = new ArrayList<>();
        for (JsonNode node : json.readTree(body)) {
            String id = node.path("Id").asText();
            JsonNode state = json.readTree(expect(200, "GET", "/containers/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/json",
                    timeout)).path("State");
            containers.add(new Container(id, state.path("Status").asText(), state.path("Health").path("Status").asText()));
        }
        return containers;
    }

    /** Restarts (or starts, if it is stopped) the container, giving it STOP to stop. */
    void restart(String id, Duration stop, Duration timeout) throws IOException {
        expect(204, "POST", "/containers/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/restart?t=" + stop.toSeconds(), timeout);
    }

    private String expect(int status, String method, String path, Duration timeout) throws IOException {
        String answer = exchange(method, path, timeout);
        int headerEnd = answer.indexOf("\r\n\r\n");
        if (!answer.startsWith("HTTP/1.") || headerEnd < 0 || answer.length() < 12) {
            throw new IOException("the engine's answer to " + method + " " + path + " is not HTTP: "
                    + answer.substring(0, Math.min(answer.length(), 80)));
        }
        int actual = Integer.parseInt(answer.substring(9, 12));
        String body = answer.substring(headerEnd + 4);
        if (actual != status) {
            throw new IOException("the engine answered " + actual + " to " + method + " " + path.replaceFirst("\\?.*", "")
                    + ": " + body.strip());
        }
        return body;
    }

    private String exchange(String method, String path, Duration timeout) throws IOException {
        try (SocketChannel channel = SocketChannel.open(address())) {
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> close(channel), timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                String request = method + " " + path + " HTTP/1.0\r\nHost: engine\r\nContent-Length: 0\r\n\r\n";
                channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                ByteBuffer buffer = ByteBuffer.allocate(8192);
                while (channel.read(buffer) >= 0) {
                    answer.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                return answer.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw watchdog.isDone() ? new IOException("the engine did not answer " + method + " within " + timeout, e) : e;
            } finally {
                watchdog.cancel(false);
            }
        }
    }

    private SocketAddress address() {
        return engine.getScheme().equals("unix") ? UnixDomainSocketAddress.of(Path.of(engine.getPath()))
                : new InetSocketAddress(engine.getHost(), engine.getPort());
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed: the exchange reports what happened
        }
    }
}
