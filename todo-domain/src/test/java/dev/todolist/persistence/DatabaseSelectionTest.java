package dev.todolist.persistence;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
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
    void theEmbeddedStoresPageCacheComesFromTodoDataCacheMb() {
        assertEquals(new DatabaseSelection.Embedded(Path.of("data"), 24),
                DatabaseSelection.choose("development", Map.of("TODO_DATA_CACHE_MB", " 24 "), true));
        assertEquals(new DatabaseSelection.Embedded(Path.of("data"), null),
                DatabaseSelection.choose("development", Map.of("TODO_DATA_CACHE_MB", " "), true));
    }

    @Test
    void aPageCacheThatIsNoNumberOrDoesNotFitTheHeapIsRefusedWithAOneLineReason() {
        long tooLarge = (Runtime.getRuntime().maxMemory() >> 20) / 2 + 1;
        for (String value : List.of("lots", "0", "-5", "1.5", String.valueOf(tooLarge))) {
            DatabaseSelection.Refused refused = assertInstanceOf(DatabaseSelection.Refused.class,
                    DatabaseSelection.choose("development", Map.of("TODO_DATA_CACHE_MB", value), true));
            assertTrue(refused.reason().startsWith("TODO_DATA_CACHE_MB must be a whole number of megabytes"),
                    refused.reason());
            assertTrue(refused.reason().contains("\"" + value + "\""), refused.reason());
        }
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
