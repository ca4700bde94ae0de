package dev.todolist.api;

import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The service's entry point: reads the process environment, refuses a configuration that must not
 * run (no database or no usable session secret in production), picks the database, starts the HTTP
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
        Optional<String> refusal = settings.refusal();
        if (refusal.isPresent()) {
            refuse(refusal.get());
            return;
        }
        RunningApplication application;
        try {
            application = RunningApplication.start(settings, Map.of(), args);
        } catch (StartRefusedException e) {
            refuse(e.getMessage());
            return;
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(TodoApplication.class).error("todolist did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "todolist-shutdown"));
    }

    /** Deliberately no logger and no stack trace: the operator needs one line that says what to fix. */
    private static void refuse(String reason) {
        System.err.println("todolist: not starting: " + reason);
        System.exit(EXIT_REFUSED);
    }
}
