package dev.todolist.backup.cli;

import picocli.CommandLine;

import java.util.Map;

/**
 * Fills an option's default from its environment variable (named in {@link #VARIABLES}), so the
 * configuration comes from the environment and a flag overrides it.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    /** Option name -> environment variable. */
    static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("--uri", "MONGODB_URI"),
            Map.entry("--database", "BACKUP_DATABASE"),
            Map.entry("--dir", "BACKUP_DIR"),
            Map.entry("--keep-last", "BACKUP_KEEP_LAST"),
            Map.entry("--keep-daily", "BACKUP_KEEP_DAILY"),
            Map.entry("--keep-weekly", "BACKUP_KEEP_WEEKLY"),
            Map.entry("--cron", "BACKUP_CRON"),
            Map.entry("--time-zone", "BACKUP_TIME_ZONE"),
            Map.entry("--http-host", "BACKUP_HTTP_HOST"),
            Map.entry("--http-port", "BACKUP_HTTP_PORT"),
            Map.entry("--catch-up", "BACKUP_CATCH_UP"),
            Map.entry("--run-on-start", "BACKUP_RUN_ON_START"));

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argument) {
        if (argument instanceof CommandLine.Model.OptionSpec option) {
            String variable = VARIABLES.get(option.longestName());
            if (variable != null) {
                String value = environment.get(variable);
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
        }
        return null;
    }
}
