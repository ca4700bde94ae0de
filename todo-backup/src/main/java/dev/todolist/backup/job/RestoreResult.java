package dev.todolist.backup.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A finished restore, or with {@code dryRun} the plan of one. */
public record RestoreResult(Path archive, RestorePlan plan, Path safetyArchive, List<String> droppedCollections,
                            boolean dryRun, Duration duration) {

    public String logLine() {
        return String.format(Locale.ROOT,
                "restore %s archive=%s database=%s duration_ms=%d collections=%d views=%d documents=%d skipped=%d dropped=%d safety_backup=%s",
                dryRun ? "dry-run" : "ok", archive.getFileName(), plan.targetDatabase(), duration.toMillis(),
                plan.collections().size(), plan.views().size(), plan.documentCount(), plan.skipped().size(),
                droppedCollections.size(), safetyArchive == null ? "none" : safetyArchive.getFileName());
    }
}
