package dev.todolist.persistence;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseSelectionTest {

    @Test
    void givenUriIsUsedInEveryEnvironment() {
        Map<String, String> env = Map.of("MONGODB_URI", " mongodb://db:27017/todolist ");

        assertEquals(new DatabaseSelection.External("mongodb://db:27017/todolist"),
                DatabaseSelection.choose("production", env));
        assertEquals(new DatabaseSelection.External("mongodb://db:27017/todolist"),
                DatabaseSelection.choose("development", env));
    }

    @Test
    void withoutUriOutsideProductionTheEmbeddedServerUsesTheDefaultDataDirectory() {
        assertEquals(new DatabaseSelection.Embedded(Path.of("data")),
                DatabaseSelection.choose("development", Map.of(), true));
    }

    @Test
    void dataDirectoryComesFromTodoDataDir() {
        assertEquals(new DatabaseSelection.Embedded(Path.of("/var/lib/todolist")),
                DatabaseSelection.choose("staging", Map.of("TODO_DATA_DIR", "/var/lib/todolist"), true));
    }

    @Test
    void blankUriCountsAsMissing() {
        assertInstanceOf(DatabaseSelection.Embedded.class,
                DatabaseSelection.choose("development", Map.of("MONGODB_URI", "  "), true));
        assertInstanceOf(DatabaseSelection.Refused.class,
                DatabaseSelection.choose("production", Map.of("MONGODB_URI", "")));
    }

    @Test
    void productionWithoutUriIsRefusedWithAOneLineReason() {
        DatabaseSelection selection = DatabaseSelection.choose("production", Map.of("TODO_DATA_DIR", "/data"));

        DatabaseSelection.Refused refused = assertInstanceOf(DatabaseSelection.Refused.class, selection);
        assertTrue(refused.reason().contains("MONGODB_URI"), refused.reason());
        assertTrue(refused.reason().lines().count() == 1, refused.reason());
    }

    @Test
    void withoutUriABuildWithoutTheEmbeddedStoreIsRefusedWithAOneLineReason() {
        DatabaseSelection.Refused refused = assertInstanceOf(DatabaseSelection.Refused.class,
                DatabaseSelection.choose("development", Map.of(), false));

        assertTrue(refused.reason().startsWith("MONGODB_URI is required"), refused.reason());
        assertTrue(refused.reason().lines().count() == 1, refused.reason());
    }

    @Test
    void theTestClassPathHasTheEmbeddedStore() {
        assertTrue(EmbeddedStore.installed(), "todo-embedded-store comes with todo-test-support");
    }
}
