package dev.todolist.backup.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A finished restore, or with {@code dryRun} the plan of one.
 *
 * @param archiveBytes       size of the archive file
 * @param droppedCollections live collections the archive lacks, dropped (or, in a dry run, to drop)
 * @param keptCollections    live collections a restore leaves alone (time-series collections)
 */
public record RestoreResult(Path archive, long archiveBytes, RestorePlan plan, Path safetyArchive,
                            List<String> droppedCollections, List<String> keptCollections, boolean dryRun,
                            Duration duration) {

    /** The one log line per run: duration, size and counts. */
    public String logLine() {
        return String.format(Locale.ROOT,
                "restore %s archive=%s database=%s duration_ms=%d size_bytes=%d collections=%d views=%d documents=%d"
                        + " skipped=%d dropped=%d kept=%d safety_backup=%s",
                dryRun ? "dry-run" : "ok", archive.getFileName(), plan.targetDatabase(), duration.toMillis(), archiveBytes,
                plan.collections().size(), plan.views().size(), plan.documentCount(), plan.skipped().size(),
                droppedCollections.size(), keptCollections.size(), safetyArchive == null ? "none" : safetyArchive.getFileName());
    }
}
