package dev.todolist.api.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.Http;
import dev.todolist.testing.LogCapture;
import dev.todolist.testing.RunningApi;
import io.micronaut.runtime.server.EmbeddedServer;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ApiTest
class RequestLogTest {

    @Api
    private static RunningApi api;
    private static EmbeddedServer server;

    @BeforeAll
    static void beansOfTheRunningApi() {
        server = api.context().getBean(EmbeddedServer.class);
    }

    private static final String SECRET = "s3cr3t-value";


    @Test
    void eachRequestLogsOneLineWithMethodPathStatusAndLatency() {
        try (LogCapture log = LogCapture.of(RequestLogFilter.LOGGER_NAME)) {
            Http.get(server.getURL(), "/health");
            Http.get(server.getURL(), "/no-such-route");

            List<ILoggingEvent> events = awaitEvents(log, 2);
            assertEquals(2, events.size(), events::toString);
            Map<String, Object> first = fields(events.get(0));
            assertEquals("GET", first.get("method"));
            assertEquals("/health", first.get("path"));
            assertEquals(200, first.get("status"));
            assertTrue(((Double) first.get("latencyMs")) >= 0.0, first::toString);
            assertTrue(events.get(0).getFormattedMessage().startsWith("GET /health 200 "),
                    events.get(0).getFormattedMessage());
            assertEquals(404, fields(events.get(1)).get("status"));
        }
    }

    @Test
    void noHeaderValueOrQueryStringIsLogged() {
        try (LogCapture log = LogCapture.of(RequestLogFilter.LOGGER_NAME)) {
            Http.get(server.getURL(), "/health?token=" + SECRET,
                    "Authorization", "Bearer " + SECRET, "Cookie", "session=" + SECRET);

            ILoggingEvent event = awaitEvents(log, 1).get(0);
            String everything = event.getFormattedMessage() + fields(event);
            assertFalse(everything.contains(SECRET), everything);
            assertEquals("/health", fields(event).get("path"));
        }
    }

    @Test
    void jsonFormatCarriesTheFieldsAsTopLevelKeys() {
        try (LogCapture log = LogCapture.of(RequestLogFilter.LOGGER_NAME)) {
            Http.get(server.getURL(), "/health");
            ILoggingEvent event = awaitEvents(log, 1).get(0);

            LogstashEncoder encoder = new LogstashEncoder();
            encoder.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
            encoder.start();
            String json = new String(encoder.encode(event), StandardCharsets.UTF_8);
            encoder.stop();

            assertTrue(json.contains("\"method\":\"GET\""), json);
            assertTrue(json.contains("\"path\":\"/health\""), json);
            assertTrue(json.contains("\"status\":200"), json);
            assertTrue(json.contains("\"latencyMs\":"), json);
            assertEquals(1, json.strip().lines().count(), "one line per request");
        }
    }

    /** The line is written after the response is sent, so it may trail the client by a moment. */
    private static List<ILoggingEvent> awaitEvents(LogCapture log, int count) {
        for (int attempt = 0; attempt < 50 && log.events().size() < count; attempt++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return log.events();
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        return pairs.stream().collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));
    }
}
