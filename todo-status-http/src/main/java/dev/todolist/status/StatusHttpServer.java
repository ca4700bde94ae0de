package dev.todolist.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A few read-only endpoints (path to a {@link StatusResponse} made per request) on the JDK's own
 * HTTP server, for a process that needs nothing more than health and metrics. The HTTP rules live
 * here once: only GET and HEAD (405 with {@code Allow} otherwise); only the exact path, since the
 * JDK matches a context by prefix and {@code /health/anything} would otherwise answer as
 * {@code /health}; {@code Cache-Control: no-store}, as every answer is a snapshot; HEAD without a
 * body. One daemon thread serves them, so the server never keeps the process alive.
 */
public final class StatusHttpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StatusHttpServer.class.getName());
    private static final int BACKLOG = 16;

    private final HttpServer server;
    private final ExecutorService executor;

    private StatusHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code address} (port 0: a free one, see {@link #port()}) and serves {@code endpoints}
     * on one daemon thread named {@code threadName}.
     */
    public static StatusHttpServer start(InetSocketAddress address, String threadName,
                                         Map<String, Supplier<StatusResponse>> endpoints) throws IOException {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("a status server needs at least one endpoint");
        }
        endpoints.keySet().forEach(StatusHttpServer::requireEndpointPath);
        HttpServer server = HttpServer.create(address, BACKLOG);
        endpoints.forEach((path, response) -> server.createContext(path, exchange -> serve(exchange, response)));
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new StatusHttpServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void requireEndpointPath(String path) {
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
            throw new IllegalArgumentException("an endpoint path starts with / and names something, such as /health; was \"" + path + "\"");
        }
    }

    private static void serve(HttpExchange exchange, Supplier<StatusResponse> endpoint) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            StatusResponse response;
            try {
                response = endpoint.get();
            } catch (RuntimeException e) {
                // Without this the JDK drops the connection and the caller sees no status at all.
                LOG.log(System.Logger.Level.WARNING, "status endpoint " + exchange.getHttpContext().getPath() + " failed", e);
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (head) {
                exchange.sendResponseHeaders(response.status(), -1);
                return;
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
