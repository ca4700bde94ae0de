package dev.todolist.api.web;

import dev.todolist.testing.RawHttp;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A request head that trickles in (one header line every 300 ms, so the read-idle timeout never
 * fires) is cut off at the head deadline (1 s here; 10 s by default). What the deadline must not
 * cut: a body that arrives slowly, and a kept-alive connection waiting longer than the deadline for
 * its next request.
 */
class RequestHeadDeadlineTest {

    private static final long DEADLINE_MILLIS = 1_000;
    /** Closed is asked between header lines, without waiting: only what has already happened counts. */
    private static final Duration AT_ONCE = Duration.ofMillis(1);
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\r\ncontent-length: *(\\d+)");

    private static RunningApi server;

    @BeforeAll
    static void start() {
        server = RunningApi.start("requesthead", Map.of("todolist.request-head.timeout", DEADLINE_MILLIS + "ms",
                "micronaut.server.read-idle-timeout", "30s", "micronaut.server.idle-timeout", "30s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aHeadSentOneLineAtATimeIsCutOffAtTheDeadline() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int line = 0; line < 40; line++) {
                Thread.sleep(300);
                try {
                    out.write(("X-Slow-" + line + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (SocketException closed) {
                    break;
                }
                if (RawHttp.closedByServer(socket, AT_ONCE)) {
                    break;
                }
            }
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(RawHttp.closedByServer(socket, AT_ONCE), "still open after " + elapsedMillis + " ms of header lines");
            assertTrue(elapsedMillis >= DEADLINE_MILLIS, "closed before the deadline: " + elapsedMillis + " ms");
            assertTrue(elapsedMillis < DEADLINE_MILLIS * 6, "closed only after " + elapsedMillis + " ms");
        }
    }

    @Test
    void aSlowBodyAndALongPauseBetweenRequestsAreNotCutOff() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            String body = "{\"email\":\"slow@example.org\",\"password\":\"wrong password 12345\"}";
            out.write(("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (String part : body.split("(?<=\\G.{16})")) {
                Thread.sleep(DEADLINE_MILLIS / 2);
                out.write(part.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            assertTrue(readResponse(socket).startsWith("HTTP/1.1 401 "), "a body that took 2 s is answered");

            Thread.sleep(DEADLINE_MILLIS * 2);
            out.write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertTrue(readResponse(socket).startsWith("HTTP/1.1 200 "), "the kept-alive connection still serves");
        }
    }

    private static Socket connect() throws IOException {
        return RawHttp.connect(server.uri("/").getPort());
    }

    /** One response: the head, then as many body bytes as its Content-Length says. */
    private static String readResponse(Socket socket) throws IOException {
        socket.setSoTimeout(20_000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        while (!received.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int read = in.read();
            if (read < 0) {
                fail("the server closed the connection: " + received.toString(StandardCharsets.ISO_8859_1));
            }
            received.write(read);
        }
        String head = received.toString(StandardCharsets.ISO_8859_1);
        Matcher length = CONTENT_LENGTH.matcher(head);
        assertTrue(length.find(), head);
        in.readNBytes(Integer.parseInt(length.group(1)));
        return head;
    }
}
