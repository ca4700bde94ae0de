package dev.todolist.api;

import dev.todolist.persistence.DatabaseSelection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
}
