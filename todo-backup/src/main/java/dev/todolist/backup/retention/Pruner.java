package dev.todolist.backup.retention;

import dev.todolist.backup.job.ArchiveFile;
import dev.todolist.backup.job.ArchiveKind;
import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.lock.BackupLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;

/**
 * {@code prune}: deletes the scheduled archives the retention policy does not keep. Pre-restore
 * safety archives are never pruned: they are deleted by hand once a restore is confirmed good.
 */
public final class Pruner {

    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private final ArchiveStore store;
    private final RetentionPolicy policy;

    public Pruner(ArchiveStore store, RetentionPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** Takes the directory's lock, then prunes (or with {@code dryRun} only decides). */
    public RetentionPolicy.Decision prune(boolean dryRun) throws IOException {
        try (BackupLock ignored = BackupLock.acquire(store.directory(), "prune")) {
            return pruneWhileLocked(dryRun);
        }
    }

    public RetentionPolicy.Decision pruneWhileLocked(boolean dryRun) throws IOException {
        List<ArchiveFile> scheduled = store.list().stream().filter(archive -> archive.kind() == ArchiveKind.SCHEDULED)
                .toList();
        RetentionPolicy.Decision decision = policy.apply(scheduled);
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
