package dev.todolist.backup.cli;

import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.retention.Pruner;
import dev.todolist.backup.retention.RetentionPolicy;
import picocli.CommandLine.Option;

import java.time.Clock;

/** Retention: {@code --keep-last/--keep-daily/--keep-weekly} (BACKUP_KEEP_*); all 0 keeps everything. */
final class RetentionOptions {

    @Option(names = "--keep-last", paramLabel = "N", defaultValue = "7",
            description = "Keep the newest N archives (env BACKUP_KEEP_LAST; default: ${DEFAULT-VALUE}).")
    int keepLast;

    @Option(names = "--keep-daily", paramLabel = "N", defaultValue = "7",
            description = "Keep the newest archive of each of the last N calendar days, UTC, today included"
                    + " (env BACKUP_KEEP_DAILY; default: ${DEFAULT-VALUE}).")
    int keepDaily;

    @Option(names = "--keep-weekly", paramLabel = "N", defaultValue = "4",
            description = "Keep the newest archive of each of the last N calendar ISO weeks, this one included"
                    + " (env BACKUP_KEEP_WEEKLY; default: ${DEFAULT-VALUE}).")
    int keepWeekly;

    RetentionPolicy policy() {
        return new RetentionPolicy(keepLast, keepDaily, keepWeekly);
    }

    Pruner pruner(ArchiveStore store) {
        return new Pruner(store, policy(), Clock.systemUTC());
    }
}
