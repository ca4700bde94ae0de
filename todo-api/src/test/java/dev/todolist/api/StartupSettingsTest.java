package dev.todolist.api;

import dev.todolist.persistence.DatabaseSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupSettingsTest {

    /** Variables as NAME=value pairs separated by ';' (empty: none set). */
    private static StartupSettings settings(String variables) {
        Map<String, String> environment = new HashMap<>();
        for (String variable : variables.split(";")) {
            if (!variable.isEmpty()) {
                environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
            }
        }
        return StartupSettings.fromEnvironment(environment);
    }

    /** The default, NODE_ENV, APP_ENV winning over it, and the name normalised (trimmed, lower case; blank is unset). */
    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', textBlock = """
                                                | development
            NODE_ENV=production                 | production
            APP_ENV=staging;NODE_ENV=production | staging
            'APP_ENV= Production'               | production
            'APP_ENV= ;NODE_ENV=test'           | test
            """)
    void theEnvironmentIsAppEnvElseNodeEnvElseDevelopment(String variables, String environment) {
        assertEquals(environment, settings(variables == null ? "" : variables).environment());
    }

    /** JSON in production, text elsewhere; LOG_FORMAT overrides either, and an unknown one keeps the default. */
    @ParameterizedTest(name = "[{0}] logs {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NODE_ENV=production                 | JSON
                                                | TEXT
            LOG_FORMAT=JSON                     | JSON
            NODE_ENV=production;LOG_FORMAT=text | TEXT
            NODE_ENV=production;LOG_FORMAT=yaml | JSON
            """)
    void productionLogsJsonOtherEnvironmentsTextAndLogFormatOverridesBoth(String variables,
                                                                          StartupSettings.LogFormat format) {
        assertEquals(format, settings(variables == null ? "" : variables).logFormat());
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
