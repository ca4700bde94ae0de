package dev.todolist.api.web;

import dev.todolist.testing.RunningApi;
import dev.todolist.api.StartRefusedException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-origin calls: TODOLIST_CORS_ALLOWED_ORIGINS lists the origins a browser may call from,
 * credentials are never allowed, and a configuration that would allow them from any origin does
 * not start.
 */
class CrossOriginTest {

    private static final String APP = "https://app.example";

    @Test
    void onlyTheListedOriginsMayCallAndNeverWithCredentials() {
        try (RunningApi server = RunningApi.start("corslisted", Map.of("todolist.cors.allowed-origins",
                APP + ",https://other.example"))) {
            HttpResponse<String> listed = preflight(server, APP);
            assertEquals(200, listed.statusCode(), listed.headers().toString());
            assertEquals(Optional.of(APP), listed.headers().firstValue("Access-Control-Allow-Origin"));
            assertEquals(Optional.empty(), listed.headers().firstValue("Access-Control-Allow-Credentials"));

            HttpResponse<String> stranger = preflight(server, "https://evil.example");
            assertEquals(Optional.empty(), stranger.headers().firstValue("Access-Control-Allow-Origin"));
            assertTrue(stranger.statusCode() >= 400, "a preflight from an unlisted origin is not answered as CORS");
        }
    }

    @Test
    void anyOriginIsTheDefaultButWithoutCredentials() {
        try (RunningApi server = RunningApi.start("corsdefault", Map.of())) {
            HttpResponse<String> response = preflight(server, "https://anywhere.example");
            assertEquals(200, response.statusCode());
            assertEquals(Optional.empty(), response.headers().firstValue("Access-Control-Allow-Credentials"));
        }
    }

    @Test
    void aConfigurationAllowingCredentialsFromAnyOriginDoesNotStart() {
        // What MICRONAUT_SERVER_CORS_CONFIGURATIONS_API_ALLOWED_ORIGINS creates among its splits: a
        // configuration of its own, credentials on by Micronaut's default, any origin.
        RuntimeException failure = assertThrows(RuntimeException.class, () -> RunningApi.start("corsleak",
                Map.of("micronaut.server.cors.configurations.api-allowed.origins", APP)).close());
        assertTrue(causes(failure, StartRefusedException.class), failure.toString());
        RuntimeException regex = assertThrows(RuntimeException.class, () -> RunningApi.start("corsregex",
                Map.of("micronaut.server.cors.configurations.web.allowed-origins-regex", "^https?://.*$",
                        "micronaut.server.cors.configurations.web.allow-credentials", true)).close());
        assertTrue(causes(regex, StartRefusedException.class), regex.toString());
    }

    private static HttpResponse<String> preflight(RunningApi server, String origin) {
        return server.send("OPTIONS", "/api/v1/todos", null, "Origin", origin,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
    }

    private static boolean causes(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
