package dev.todolist.api;

import dev.todolist.persistence.DatabaseSelection;

import java.util.Locale;
import java.util.Map;

/**
 * What the process environment decides before anything else starts: the environment name (also
 * the Micronaut environment, so {@code application-<name>.yml} applies), the log format and the
 * database. Kept apart from {@link TodoApplication} so that the rules are testable without a JVM.
 *
 * @param environment the name from {@code APP_ENV}, else {@code NODE_ENV} (the plan's name), else
 *                    {@code development}
 * @param logFormat   {@code json} or {@code text}
 * @param database    which MongoDB to use, or why none may be used
 */
public record StartupSettings(String environment, LogFormat logFormat, DatabaseSelection database) {

    public static final String DEFAULT_ENVIRONMENT = "development";

    public enum LogFormat {
        TEXT, JSON;

        /** The value logback.xml selects its appender by. */
        public String appenderName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static StartupSettings fromEnvironment(Map<String, String> env) {
        String environment = firstNonBlank(env.get("APP_ENV"), env.get("NODE_ENV"), DEFAULT_ENVIRONMENT)
                .toLowerCase(Locale.ROOT);
        return new StartupSettings(environment, logFormat(env.get("LOG_FORMAT"), environment),
                DatabaseSelection.choose(environment, env));
    }

    /** JSON in production (log shippers parse it), readable text elsewhere; LOG_FORMAT overrides. */
    private static LogFormat logFormat(String requested, String environment) {
        if (requested != null) {
            switch (requested.trim().toLowerCase(Locale.ROOT)) {
                case "json":
                    return LogFormat.JSON;
                case "text":
                    return LogFormat.TEXT;
                default:
                    break;
            }
        }
        return DatabaseSelection.PRODUCTION.equals(environment) ? LogFormat.JSON : LogFormat.TEXT;
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate.trim();
            }
        }
        throw new IllegalArgumentException("no candidate given");
    }
}
