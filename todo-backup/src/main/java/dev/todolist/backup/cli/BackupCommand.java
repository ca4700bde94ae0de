package dev.todolist.backup.cli;

import com.mongodb.client.MongoClient;
import dev.todolist.backup.job.ArchiveKind;
import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.job.BackupJob;
import dev.todolist.backup.job.BackupResult;
import dev.todolist.backup.retention.Pruner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Dump the database into a new archive (kind: manual) of the backup directory, then apply the retention.")
final class BackupCommand extends CliCommand {

    private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

    @Mixin
    JobOptions job;
    @Mixin
    RetentionOptions retention;

    @Option(names = "--no-prune", description = "Do not apply the retention after the backup.")
    boolean noPrune;

    @Override
    public Integer call() throws Exception {
        ArchiveStore store = store();
        Pruner pruner = retention.pruner(store);
        long start = System.nanoTime();
        try (MongoClient client = job.connectForDump()) {
            BackupResult result;
            try {
                result = job.backupJob(client, store).backup(ArchiveKind.MANUAL,
                        noPrune ? BackupJob.FollowUp.NONE : () -> pruner.pruneWhileLocked(false));
            } catch (Exception e) {
                LOG.error("backup failed duration_ms={} error=\"{}\"", (System.nanoTime() - start) / 1_000_000, e.getMessage());
                throw e;
            }
            LOG.info(result.logLine());
            // stdout is the new archive's path and nothing else, so a script can take it as it is.
            out().println(result.archive());
        }
        return ExitCodes.OK;
    }
}
