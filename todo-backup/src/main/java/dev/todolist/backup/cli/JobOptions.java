package dev.todolist.backup.cli;

import com.mongodb.client.MongoClient;
import dev.todolist.backup.job.ArchiveListing;
import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.job.BackupJob;
import dev.todolist.backup.job.DatabaseDumper;
import picocli.CommandLine.Mixin;

import java.time.Clock;

/** What every command that touches the database needs: where it is, and the backup job on it. */
final class JobOptions {

    @Mixin
    ConnectionOptions connection;

    /** For a backup: reads from a healthy secondary when there is one ({@link ConnectionOptions#connectForDump}). */
    MongoClient connectForDump() {
        return connection.connectForDump();
    }

    /** For a restore: everything on the primary ({@link ConnectionOptions#connectForRestore}). */
    MongoClient connectForRestore() {
        return connection.connectForRestore();
    }

    String databaseName() {
        return connection.databaseName();
    }

    /** A backup of the database into {@code store}: the backup itself, or a restore's safety backup. */
    BackupJob backupJob(MongoClient client, ArchiveStore store) {
        return new BackupJob(client.getDatabase(databaseName()), store,
                new DatabaseDumper(ArchiveListing.TOOL_PREFIX + BackupCli.version()), Clock.systemUTC());
    }
}
