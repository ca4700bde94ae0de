package dev.todolist.api;

import dev.todolist.api.security.SessionSecretRule;
import dev.todolist.persistence.DatabaseSelection;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the process environment decides before anything else starts: the environment name (also
 * the Micronaut environment, so {@code application-<name>.yml} applies), the log format and the
 * database, and whether the session secrets allow a start. Kept apart from {@link TodoApplication}
 * so that the rules are testable without a JVM.
 *
 * @param environment          the name from {@code APP_ENV}, else {@code NODE_ENV} (the plan's name), else
 *                             {@code development}
 * @param logFormat            {@code json} or {@code text}
 * @param database             which MongoDB to use, or why none may be used
 * @param settingsRefusal      why the environment name or {@code SESSION_SECRET}/{@code SESSION_SECRET_PREVIOUS}
 *                             forbid a start, or null
 * @param managementOnMainPort {@code TODOLIST_MANAGEMENT_ON_MAIN_PORT=true}: serve {@code /metrics} and the
 *                             probes on the main listener instead of {@code MANAGEMENT_PORT}
 */
public record StartupSettings(String environment, LogFormat logFormat, DatabaseSelection database,
                              @Nullable String settingsRefusal, boolean managementOnMainPort) {

    public static final String DEFAULT_ENVIRONMENT = "development";
    /**
     * The environment names this service knows. Any other name is refused rather than guessed at:
     * {@code APP_ENV=prod} must not quietly run as development, with the embedded store and a
     * random session secret. Only {@code production} enforces the production rules.
     */
    public static final List<String> ENVIRONMENTS = List.of(DEFAULT_ENVIRONMENT, "test", "staging",
            DatabaseSelection.PRODUCTION);

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
        String refusal = ENVIRONMENTS.contains(environment)
                ? SessionSecretRule.refusal(environment, env).orElse(null)
                : "APP_ENV/NODE_ENV names an unknown environment (\"" + environment + "\"): use one of "
                + String.join(", ", ENVIRONMENTS) + " (production for any deployment that serves real users)";
        return new StartupSettings(environment, logFormat(env.get("LOG_FORMAT"), environment),
                DatabaseSelection.choose(environment, env), refusal,
                "true".equalsIgnoreCase(String.valueOf(env.get("TODOLIST_MANAGEMENT_ON_MAIN_PORT")).strip()));
    }

    /** The one-line reason the process must not start, an unknown environment's first, then the database's, or empty. */
    public Optional<String> refusal() {
        if (!ENVIRONMENTS.contains(environment)) {
            return Optional.of(settingsRefusal);
        }
        if (database instanceof DatabaseSelection.Refused refused) {
            return Optional.of(refused.reason());
        }
        return Optional.ofNullable(settingsRefusal);
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
