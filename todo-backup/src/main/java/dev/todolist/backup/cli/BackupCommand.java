package dev.todolist.backup.cli;

import com.mongodb.client.MongoClient;
import dev.todolist.backup.job.BackupJob;
import dev.todolist.backup.job.BackupResult;
import dev.todolist.backup.job.DatabaseDumper;
import dev.todolist.backup.retention.Pruner;
import dev.todolist.backup.retention.RetentionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Dump the database into a new archive of the backup directory, then apply the retention.")
final class BackupCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(BackupCommand.class);

    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;
    @Mixin
    DirectoryOptions directory;
    @Mixin
    RetentionOptions retention;

    @Option(names = "--no-prune", description = "Do not apply the retention after the backup.")
    boolean noPrune;

    @Override
    public Integer call() throws Exception {
        RetentionPolicy policy = retention.policy();
        long start = System.nanoTime();
        try (MongoClient client = connection.connect()) {
            BackupJob job = newJob(client, connection, directory);
            Pruner pruner = new Pruner(directory.store(), policy);
            BackupResult result;
            try {
                result = job.backup(noPrune ? BackupJob.FollowUp.NONE : () -> pruner.pruneWhileLocked(false));
            } catch (Exception e) {
                LOG.error("backup failed duration_ms={} error=\"{}\"", (System.nanoTime() - start) / 1_000_000, e.getMessage());
                throw e;
            }
            LOG.info(result.logLine());
            // stdout is the new archive's path and nothing else, so a script can take it as it is.
            spec.commandLine().getOut().println(result.archive());
        }
        return ExitCodes.OK;
    }

    static BackupJob newJob(MongoClient client, ConnectionOptions connection, DirectoryOptions directory) {
        return new BackupJob(client.getDatabase(connection.databaseName()), directory.store(),
                new DatabaseDumper("todolist-backup-" + BackupCli.version()), Clock.systemUTC());
    }
}
