package dev.todolist.api;

import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * MANAGEMENT_BIND_ADDRESS binds the management listener to one address: set to 127.0.0.1, it
 * answers there and not on 127.0.0.2 (another loopback address of the same host), while the main
 * port still answers on every address. Unset, it answers on both, like the main port.
 */
class ManagementBindAddressTest {

    private static final String ELSEWHERE = "127.0.0.2";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void boundTo127001TheManagementListenerAnswersThereOnly() throws Exception {
        try (RunningApi server = RunningApi.start("mgmtbind", Map.of("todolist.management.bind-address", "127.0.0.1"))) {
            int main = server.uri("/").getPort();
            int management = server.managementUri("/").getPort();
            assumeTrue(accepts(ELSEWHERE, main), "this host does not route " + ELSEWHERE + " to loopback");

            assertFalse(accepts(ELSEWHERE, management), "the management listener must not answer on " + ELSEWHERE);
            assertEquals(200, get("127.0.0.1", management, "/management/health/readiness").statusCode());
            assertEquals(200, get("127.0.0.1", management, "/metrics").statusCode());
            // Still the management listener and nothing else, and the main port still without the probes.
            assertEquals(404, get("127.0.0.1", management, "/api/v1/todos").statusCode());
            assertEquals(404, get("127.0.0.1", management, "/openapi/todolist.yml").statusCode());
            assertEquals(404, get(ELSEWHERE, main, "/metrics").statusCode());
            assertEquals(200, get(ELSEWHERE, main, "/health").statusCode());
        }
    }

    @Test
    void unsetTheManagementListenerAnswersOnEveryAddress() throws Exception {
        try (RunningApi server = RunningApi.start("mgmtbindall", Map.of())) {
            int main = server.uri("/").getPort();
            int management = server.managementUri("/").getPort();
            assumeTrue(accepts(ELSEWHERE, main), "this host does not route " + ELSEWHERE + " to loopback");

            assertEquals(200, get(ELSEWHERE, management, "/management/health/liveness").statusCode());
            assertEquals(200, get("127.0.0.1", management, "/management/health/liveness").statusCode());
        }
    }

    private static boolean accepts(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private static HttpResponse<String> get(String host, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() > 0);
        return response;
    }
}
