package dev.todolist.api;

import dev.todolist.testing.Http;
import dev.todolist.testing.LogCapture;
import dev.todolist.testing.TestPorts;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service started as main() starts it, on the embedded default, twice on the same data directory. */
class EmbeddedDefaultTest {

    /**
     * Fresh ports for each start: a restart on the management port of the server just closed can
     * find it not yet released.
     */
    private static Map<String, Object> randomPorts() {
        return Map.of("micronaut.server.port", -1, "todolist.management.port", TestPorts.free());
    }

    @TempDir
    Path dataDir;

    @Test
    void embeddedStoreKeepsTodosAcrossARestart() {
        StartupSettings settings = StartupSettings.fromEnvironment(Map.of("TODO_DATA_DIR", dataDir.toString()));

        try (RunningApplication first = RunningApplication.start(settings, randomPorts())) {
            todos(first).insertOne(new Document("title", "survive a restart").append("completed", false));
        }
        assertTrue(Files.exists(dataDir.resolve("todolist.mv")), "the store lives in TODO_DATA_DIR");

        try (RunningApplication second = RunningApplication.start(settings, randomPorts())) {
            Document stored = todos(second).find().first();
            assertEquals("survive a restart", stored == null ? null : stored.getString("title"));
            assertEquals(200, Http.get(second.url(), "/health").statusCode());
        }
    }

    @Test
    void embeddedDefaultLogsExactlyOneEvaluationWarning() {
        StartupSettings settings = StartupSettings.fromEnvironment(Map.of("TODO_DATA_DIR", dataDir.toString()));

        try (LogCapture log = LogCapture.of(RunningApplication.class);
             RunningApplication ignored = RunningApplication.start(settings, randomPorts())) {
            List<ILoggingEvent> warnings = log.events().stream()
                    .filter(event -> event.getLevel() == Level.WARN)
                    .toList();
            assertEquals(1, warnings.size(), warnings::toString);
            String warning = warnings.get(0).getFormattedMessage();
            assertTrue(warning.contains("evaluation") && warning.contains("MONGODB_URI")
                    && warning.contains(dataDir.toString()), warning);
        }
    }

    @Test
    void environmentNameIsTheMicronautEnvironmentAndShowsInHealth() {
        StartupSettings settings = StartupSettings.fromEnvironment(
                Map.of("APP_ENV", "staging", "TODO_DATA_DIR", dataDir.toString()));

        try (RunningApplication application = RunningApplication.start(settings, randomPorts())) {
            assertTrue(application.context().getEnvironment().getActiveNames().contains("staging"));
            assertTrue(Http.get(application.url(), "/health").body().contains("\"environment\":\"staging\""));
        }
    }

    private static MongoCollection<Document> todos(RunningApplication application) {
        return application.context().getBean(MongoClient.class)
                .getDatabase(RunningApplication.DEFAULT_DATABASE)
                .getCollection("todos");
    }
}
