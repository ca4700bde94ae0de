package dev.todolist.backup.retention;

import dev.todolist.backup.job.ArchiveFile;
import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.lock.BackupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * {@code prune}: deletes the scheduled and manual archives the retention policy does not keep.
 * Pre-restore safety archives are never pruned: they are deleted by hand once a restore is
 * confirmed good. Files that only look like archives are neither counted nor deleted.
 */
public record Pruner(ArchiveStore store, RetentionPolicy policy, Clock clock) {

    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    /** Takes the directory's lock, then prunes (or with {@code dryRun} only decides). */
    public RetentionPolicy.Decision prune(boolean dryRun) throws IOException {
        try (BackupLock ignored = BackupLock.acquire(store.directory(), "prune")) {
            return pruneWhileLocked(dryRun);
        }
    }

    public RetentionPolicy.Decision pruneWhileLocked(boolean dryRun) throws IOException {
        List<ArchiveFile> prunable = store.list().stream().filter(archive -> archive.kind().pruned()).toList();
        RetentionPolicy.Decision decision = policy.apply(prunable, clock.instant());
        if (!dryRun) {
            for (ArchiveFile archive : decision.delete()) {
                store.delete(archive);
            }
            if (!decision.delete().isEmpty()) {
                // Only when something went: a run that deletes nothing keeps to its one log line.
                LOG.info("prune ok policy=\"{}\" kept={} deleted={} ({})", policy, decision.keep().size(),
                        decision.delete().size(), String.join(" ", decision.delete().stream().map(ArchiveFile::fileName).toList()));
            }
        }
        return decision;
    }
}
