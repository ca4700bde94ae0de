package dev.todolist.api.web;

import dev.todolist.testing.Http;
import dev.todolist.testing.RawHttp;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connections beyond TODOLIST_CONNECTIONS_MAX (3 here) are closed at once; closing one makes room. */
class ConnectionLimitTest {

    /** How long a connection the server keeps must stay open to count as kept. */
    private static final Duration STILL_OPEN = Duration.ofSeconds(1);

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
                assertTrue(RawHttp.closedByServer(extra, STILL_OPEN), "the fourth connection must be closed by the server");
            }
            for (Socket socket : held) {
                assertFalse(RawHttp.closedByServer(socket, STILL_OPEN), "the first three stay open");
            }
            assertEquals(200, Http.get(Http.management(server.context()),
                    "/management/health/liveness").statusCode(), "the probes do not count against the limit");
            held.remove(0).close();
            Thread.sleep(300);
            try (Socket again = connect()) {
                assertFalse(RawHttp.closedByServer(again, STILL_OPEN), "a freed slot is usable again");
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static Socket connect() throws IOException {
        return RawHttp.connect(server.uri("/").getPort());
    }
}
