package dev.todolist.api;

import dev.todolist.persistence.DatabaseSelection;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The service's entry point: reads the process environment, picks the database, starts the HTTP
 * server and arranges an orderly shutdown.
 *
 * <p>No logger is touched before the log format is decided: logback reads
 * {@value #LOG_FORMAT_PROPERTY} once, when the first logger is created.
 */
public final class TodoApplication {

    /** System property that logback.xml selects its appender by ({@code text} or {@code json}). */
    public static final String LOG_FORMAT_PROPERTY = "todolist.log.format";

    /** Exit status when the configuration forbids starting (distinct from a crash's 1). */
    static final int EXIT_REFUSED = 2;

    private TodoApplication() {
    }

    public static void main(String[] args) {
        StartupSettings settings = StartupSettings.fromEnvironment(System.getenv());
        System.setProperty(LOG_FORMAT_PROPERTY, settings.logFormat().appenderName());
        if (settings.database() instanceof DatabaseSelection.Refused refused) {
            // Deliberately no logger and no stack trace: the operator needs one line that says what to fix.
            System.err.println("todolist: not starting: " + refused.reason());
            System.exit(EXIT_REFUSED);
            return;
        }
        RunningApplication application;
        try {
            application = RunningApplication.start(settings, Map.of(), args);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(TodoApplication.class).error("todolist did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "todolist-shutdown"));
    }
}
