package dev.todolist.api;

import dev.todolist.persistence.DatabaseSelection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupSettingsTest {

    @Test
    void environmentDefaultsToDevelopment() {
        assertEquals("development", StartupSettings.fromEnvironment(Map.of()).environment());
    }

    @Test
    void nodeEnvNamesTheEnvironmentAsInThePlan() {
        assertEquals("production", StartupSettings.fromEnvironment(Map.of("NODE_ENV", "production")).environment());
    }

    @Test
    void appEnvWinsOverNodeEnv() {
        assertEquals("staging",
                StartupSettings.fromEnvironment(Map.of("APP_ENV", "staging", "NODE_ENV", "production")).environment());
    }

    @Test
    void environmentNameIsNormalised() {
        assertEquals("production", StartupSettings.fromEnvironment(Map.of("APP_ENV", " Production ")).environment());
        assertEquals("test", StartupSettings.fromEnvironment(Map.of("APP_ENV", " ", "NODE_ENV", "test")).environment());
    }

    @Test
    void productionLogsJsonAndOtherEnvironmentsText() {
        assertEquals(StartupSettings.LogFormat.JSON,
                StartupSettings.fromEnvironment(Map.of("NODE_ENV", "production")).logFormat());
        assertEquals(StartupSettings.LogFormat.TEXT, StartupSettings.fromEnvironment(Map.of()).logFormat());
    }

    @Test
    void logFormatOverridesTheEnvironmentsDefault() {
        assertEquals(StartupSettings.LogFormat.JSON,
                StartupSettings.fromEnvironment(Map.of("LOG_FORMAT", "JSON")).logFormat());
        assertEquals(StartupSettings.LogFormat.TEXT,
                StartupSettings.fromEnvironment(Map.of("NODE_ENV", "production", "LOG_FORMAT", "text")).logFormat());
        assertEquals(StartupSettings.LogFormat.JSON,
                StartupSettings.fromEnvironment(Map.of("NODE_ENV", "production", "LOG_FORMAT", "yaml")).logFormat());
    }

    @Test
    void theDatabaseRuleSeesTheResolvedEnvironment() {
        assertInstanceOf(DatabaseSelection.Refused.class,
                StartupSettings.fromEnvironment(Map.of("NODE_ENV", "production")).database());
        assertInstanceOf(DatabaseSelection.Embedded.class,
                StartupSettings.fromEnvironment(Map.of("APP_ENV", "development", "NODE_ENV", "production")).database());
    }

    @Test
    void sessionSecretRulesAreEnforcedInProduction() {
        String good = "k7Qw9zR2mX4vB8nL1pT6yH3jF5dS0aGc";
        assertEquals(java.util.Optional.empty(), StartupSettings.fromEnvironment(
                Map.of("NODE_ENV", "production", "MONGODB_URI", "mongodb://db/todolist", "SESSION_SECRET", good)).refusal());
        assertTrue(StartupSettings.fromEnvironment(Map.of("NODE_ENV", "production", "MONGODB_URI", "mongodb://db/todolist"))
                .refusal().orElseThrow().contains("SESSION_SECRET is required"));
        assertTrue(StartupSettings.fromEnvironment(Map.of("NODE_ENV", "production", "MONGODB_URI", "mongodb://db/todolist",
                "SESSION_SECRET", "your-session-secret-of-32-characters-min")).refusal().orElseThrow().contains("example"));
    }

    @Test
    void developmentRunsWithoutASessionSecretButNeverWithAShortOne() {
        assertEquals(java.util.Optional.empty(), StartupSettings.fromEnvironment(Map.of()).refusal());
        assertEquals(java.util.Optional.empty(),
                StartupSettings.fromEnvironment(Map.of("SESSION_SECRET", "change-me-to-a-long-random-string-please")).refusal(),
                "a template's placeholder is fine for development");
        assertTrue(StartupSettings.fromEnvironment(Map.of("SESSION_SECRET", "short")).refusal().isPresent());
    }

    @Test
    void managementMovesToTheMainPortOnlyWhenAskedTo() {
        assertTrue(StartupSettings.fromEnvironment(Map.of("TODOLIST_MANAGEMENT_ON_MAIN_PORT", "true")).managementOnMainPort());
        assertFalse(StartupSettings.fromEnvironment(Map.of("TODOLIST_MANAGEMENT_ON_MAIN_PORT", "yes")).managementOnMainPort());
        assertFalse(StartupSettings.fromEnvironment(Map.of()).managementOnMainPort());
    }
}
