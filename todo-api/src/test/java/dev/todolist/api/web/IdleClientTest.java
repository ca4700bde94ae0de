package dev.todolist.api.web;

import dev.todolist.testing.RawHttp;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that send nothing, or stop half-way through a request, are closed by the server after
 * the read-idle timeout (configured short here; 30 s by default) instead of holding a slot for minutes.
 */
class IdleClientTest {

    private static final long IDLE_MILLIS = 1_000;

    private static RunningApi server;

    @BeforeAll
    static void start() {
        server = RunningApi.start("idleclients", Map.of("micronaut.server.read-idle-timeout", IDLE_MILLIS + "ms",
                "micronaut.server.idle-timeout", IDLE_MILLIS + "ms"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConnectionThatSendsNothingIsClosed() throws IOException {
        try (Socket socket = connect()) {
            assertClosedByServer(socket);
        }
    }

    @Test
    void aRequestHeadThatStopsHalfWayIsClosed() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertClosedByServer(socket);
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = RawHttp.connect(server.uri("/").getPort());
        // Far longer than the idle timeout: reaching it means the server kept the connection.
        socket.setSoTimeout((int) (IDLE_MILLIS * 15));
        return socket;
    }

    /** Reads until the server closes; a half-sent request may first get a 408/400, nothing else is expected. */
    private static void assertClosedByServer(Socket socket) throws IOException {
        long started = System.nanoTime();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // drain whatever the server says before it closes
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept an idle connection open for " + IDLE_MILLIS * 15 + " ms", e);
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(elapsedMillis < IDLE_MILLIS * 10, "closed after " + elapsedMillis + " ms");
        assertEquals(-1, safeRead(in));
    }

    private static int safeRead(InputStream in) {
        try {
            return in.read();
        } catch (IOException e) {
            return -1;
        }
    }
}
