package dev.todolist.api;

import dev.todolist.testing.Http;
import dev.todolist.testing.MongoFixture;
import dev.todolist.testing.TestPorts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TODOLIST_MANAGEMENT_ON_MAIN_PORT=true puts /metrics and the probes back on the main listener. */
class ManagementOnMainPortTest {

    @Test
    void metricsAndProbesAnswerOnTheMainPortWhenConfigured() {
        int port = TestPorts.free();
        StartupSettings settings = StartupSettings.fromEnvironment(Map.of(
                "MONGODB_URI", MongoFixture.uri(MongoFixture.uniqueDatabase("mgmtmain")),
                "TODOLIST_MANAGEMENT_ON_MAIN_PORT", "true"));
        try (RunningApplication application = RunningApplication.start(settings, Map.of("micronaut.server.port", port))) {
            assertEquals(port, application.url().getPort());
            assertEquals(200, Http.get(application.url(), "/metrics").statusCode());
            assertTrue(Http.get(application.url(), "/metrics").body().contains("jvm_memory_used_bytes"));
            assertEquals(200, Http.get(application.url(), "/management/health/readiness").statusCode());
            assertEquals(200, Http.get(application.url(), "/health").statusCode());
            assertEquals(401, Http.get(application.url(), "/api/v1/todos").statusCode());
        }
    }
}
