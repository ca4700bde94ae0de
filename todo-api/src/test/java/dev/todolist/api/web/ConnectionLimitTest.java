package dev.todolist.api.web;

import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections beyond TODOLIST_CONNECTIONS_MAX (3 here) are closed at once; closing one makes room. */
class ConnectionLimitTest {

    private static RunningApi server;

    @BeforeAll
    static void start() {
        server = RunningApi.start("connectionlimit", Map.of("todolist.connections.max", 3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aConnectionBeyondTheLimitIsClosedAndOneFreedMakesRoom() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(connect());
            }
            Thread.sleep(300);
            try (Socket extra = connect()) {
                assertEquals(-1, readOrTimeout(extra), "the fourth connection must be closed by the server");
            }
            for (Socket socket : held) {
                assertEquals(-2, readOrTimeout(socket), "the first three stay open");
            }
            assertEquals(200, dev.todolist.testing.Http.get(dev.todolist.testing.Http.management(server.context()),
                    "/management/health/liveness").statusCode(), "the probes do not count against the limit");
            held.remove(0).close();
            Thread.sleep(300);
            try (Socket again = connect()) {
                assertEquals(-2, readOrTimeout(again), "a freed slot is usable again");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.uri("/").getPort()), 5_000);
        return socket;
    }

    /** -1 when the server closed the connection, -2 when it is still open after a second. */
    private static int readOrTimeout(Socket socket) throws IOException {
        socket.setSoTimeout(1_000);
        try {
            int read = socket.getInputStream().read();
            assertTrue(read == -1, "the server sent a byte unasked: " + read);
            return read;
        } catch (SocketTimeoutException stillOpen) {
            return -2;
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
