package dev.todolist.api;

import dev.todolist.testing.Http;
import dev.todolist.testing.LogCapture;
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

    @TempDir
    Path dataDir;

    @Test
    void embeddedStoreKeepsTodosAcrossARestart() {
        StartupSettings settings = StartupSettings.fromEnvironment(Map.of("TODO_DATA_DIR", dataDir.toString()));

        try (RunningApplication first = StartedAsMain.start(settings)) {
            todos(first).insertOne(new Document("title", "survive a restart").append("completed", false));
        }
        assertTrue(Files.exists(dataDir.resolve("todolist.mv")), "the store lives in TODO_DATA_DIR");

        try (RunningApplication second = StartedAsMain.start(settings)) {
            Document stored = todos(second).find().first();
            assertEquals("survive a restart", stored == null ? null : stored.getString("title"));
            assertEquals(200, Http.get(second.url(), "/health").statusCode());
        }
    }

    @Test
    void embeddedDefaultLogsExactlyOneEvaluationWarning() {
        StartupSettings settings = StartupSettings.fromEnvironment(Map.of("TODO_DATA_DIR", dataDir.toString()));

        try (LogCapture log = LogCapture.of(RunningApplication.class);
             RunningApplication ignored = StartedAsMain.start(settings)) {
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

        try (RunningApplication application = StartedAsMain.start(settings)) {
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
