package dev.todolist.backup.schedule;

import dev.todolist.backup.job.BackupResult;
import dev.todolist.status.StatusResponse;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The state of the scheduled job that health and metrics report: last success, its duration,
 * size and documents, failures, missed runs and the next fire time. Thread-safe.
 */
public final class BackupMetrics {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private Instant lastSuccess;
    private Instant lastFailure;
    private String lastError;
    private String lastArchive;
    private double lastDurationSeconds;
    private long lastSizeBytes;
    private long lastDocuments;
    private long successes;
    private long failures;
    private long consecutiveFailures;
    private long missedRuns;
    private Instant nextRun;
    private Supplier<Optional<String>> interruptedRestore = Optional::empty;

    public synchronized void recordSuccess(BackupResult result, Instant finishedAt) {
        lastSuccess = finishedAt;
        lastArchive = result.archive().getFileName().toString();
        lastDurationSeconds = result.duration().toNanos() / 1e9;
        lastSizeBytes = result.sizeBytes();
        lastDocuments = result.documents();
        successes++;
        consecutiveFailures = 0;
    }

    public synchronized void recordFailure(String error, Instant at) {
        lastFailure = at;
        lastError = error;
        failures++;
        consecutiveFailures++;
    }

    public synchronized void recordMissed(int runs) {
        missedRuns += runs;
    }

    public synchronized void nextRun(ZonedDateTime next) {
        nextRun = next.toInstant();
    }

    /**
     * Where to read, at each request, what a restore killed during its swap left to say (the live
     * data may be mixed): a restore runs in another process, so this state is not the scheduler's.
     */
    public synchronized void watchInterruptedRestore(Supplier<Optional<String>> source) {
        interruptedRestore = source;
    }

    /** Healthy unless the last attempt failed: a failing backup job must be visible to whoever watches. */
    public synchronized boolean healthy() {
        return consecutiveFailures == 0;
    }

    public synchronized long missedRuns() {
        return missedRuns;
    }

    public synchronized long consecutiveFailures() {
        return consecutiveFailures;
    }

    public synchronized Instant lastSuccess() {
        return lastSuccess;
    }

    /**
     * What the scheduled container serves: {@code GET /health} (JSON; 200 when the last run
     * succeeded or none has run yet, 503 after a failure) and {@code GET /metrics} (Prometheus text).
     */
    public Map<String, Supplier<StatusResponse>> endpoints() {
        return Map.of("/health", this::health, "/metrics", () -> new StatusResponse(200, PROMETHEUS_TEXT, prometheusText()));
    }

    // One lock for the code and the body, so a run finishing in between cannot answer 200 with DOWN.
    private synchronized StatusResponse health() {
        return StatusResponse.json(healthy() ? 200 : 503, healthJson());
    }

    public synchronized String healthJson() {
        String interrupted = interruptedRestore.get().orElse(null);
        return "{\"status\":\"" + (healthy() ? "UP" : "DOWN") + "\""
                + ",\"lastSuccess\":" + quoted(lastSuccess)
                + ",\"lastArchive\":" + quoted(lastArchive)
                + ",\"lastFailure\":" + quoted(lastFailure)
                + ",\"lastError\":" + quoted(lastError)
                + ",\"consecutiveFailures\":" + consecutiveFailures
                + ",\"missedRuns\":" + missedRuns
                + ",\"nextRun\":" + quoted(nextRun)
                + ",\"interruptedRestore\":" + quoted(interrupted) + "}";
    }

    /** Prometheus text exposition format 0.0.4. */
    public synchronized String prometheusText() {
        StringBuilder out = new StringBuilder();
        gauge(out, "todolist_backup_last_success_timestamp_seconds", "End of the last successful backup (0: none yet).",
                seconds(lastSuccess));
        gauge(out, "todolist_backup_last_failure_timestamp_seconds", "Time of the last failed backup (0: none).",
                seconds(lastFailure));
        gauge(out, "todolist_backup_last_duration_seconds", "Duration of the last successful backup.", lastDurationSeconds);
        gauge(out, "todolist_backup_last_size_bytes", "Size of the last successful archive (gzip).", lastSizeBytes);
        gauge(out, "todolist_backup_last_documents", "Documents in the last successful archive.", lastDocuments);
        out.append("# HELP todolist_backup_runs_total Backup runs by result.\n# TYPE todolist_backup_runs_total counter\n");
        out.append("todolist_backup_runs_total{result=\"success\"} ").append(successes).append('\n');
        out.append("todolist_backup_runs_total{result=\"failure\"} ").append(failures).append('\n');
        gauge(out, "todolist_backup_consecutive_failures", "Failed runs since the last success.", consecutiveFailures);
        out.append("# HELP todolist_backup_missed_runs_total Scheduled runs that did not happen (process down, overrun, lock held).\n")
                .append("# TYPE todolist_backup_missed_runs_total counter\n")
                .append("todolist_backup_missed_runs_total ").append(missedRuns).append('\n');
        gauge(out, "todolist_backup_next_run_timestamp_seconds", "Next scheduled run.", seconds(nextRun));
        gauge(out, "todolist_backup_restore_interrupted", "1 while a restore killed during its swap has not been"
                + " followed by a successful one (the live data may mix old and new collections).",
                interruptedRestore.get().isPresent() ? 1 : 0);
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(format(value)).append('\n');
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private static double seconds(Instant instant) {
        return instant == null ? 0 : instant.toEpochMilli() / 1000.0;
    }

    private static String quoted(Object value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toString().toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
