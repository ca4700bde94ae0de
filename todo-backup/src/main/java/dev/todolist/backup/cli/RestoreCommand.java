package dev.todolist.backup.cli;

import com.mongodb.client.MongoClient;
import dev.todolist.backup.job.RestoreJob;
import dev.todolist.backup.job.RestoreListener;
import dev.todolist.backup.job.RestorePlan;
import dev.todolist.backup.job.RestoreResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the database's content by FILE's: verify it fully, take a safety backup",
                "(todolist-pre-restore-*.archive.gz), load a staging database, check counts and indexes, swap it in.",
                "Any failure leaves the live data as it was."})
final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    ConnectionOptions connection;
    @Mixin
    DirectoryOptions directory;

    @Parameters(paramLabel = "FILE", description = "Archive to restore (ours, or mongodump --archive [--gzip]).")
    Path file;

    @Option(names = "--dry-run", description = "Verify the archive and say what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--from-database", paramLabel = "NAME",
            description = "The archive's database to restore when it holds several (mongodump of a whole server).")
    String fromDatabase;

    @Override
    public Integer call() throws Exception {
        try (MongoClient client = connection.connect()) {
            RestoreJob job = new RestoreJob(client, connection.databaseName(),
                    BackupCommand.newJob(client, connection, directory), directory.store(), RestoreListener.NONE);
            Optional<String> source = Optional.ofNullable(fromDatabase);
            RestoreResult result = dryRun ? job.dryRun(file, source) : job.restore(file, source);
            print(result, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }

    private void print(RestoreResult result, PrintWriter out) {
        RestorePlan plan = result.plan();
        String verb = result.dryRun() ? "would " : "";
        out.printf("%s: archive verified%n", result.archive());
        if (result.dryRun()) {
            out.printf("dry run, nothing changed. A restore would:%n");
            out.printf("  take a safety backup of %s into %s (todolist-pre-restore-<UTC time>.archive.gz)%n",
                    plan.targetDatabase(), directory.store().directory());
            out.printf("  load a staging database, check document counts and indexes, then replace the live collections:%n");
        } else {
            out.printf("safety backup of the previous data: %s%n", result.safetyArchive());
        }
        for (RestorePlan.CollectionRestore collection : plan.collections()) {
            out.printf("  %srestore %s.%s -> %s.%s: %d documents, indexes %s%n", verb, plan.sourceDatabase(),
                    collection.name(), plan.targetDatabase(), collection.name(), collection.expectedDocuments(),
                    collection.indexNames());
        }
        for (RestorePlan.CollectionRestore view : plan.views()) {
            out.printf("  %srecreate view %s.%s%n", verb, plan.targetDatabase(), view.name());
        }
        for (String dropped : result.droppedCollections()) {
            out.printf("  %sdrop %s.%s (not in the archive)%n", verb, plan.targetDatabase(), dropped);
        }
        for (RestorePlan.Skipped skipped : plan.skipped()) {
            out.printf("  skipped %s (%d documents): %s%n", skipped.namespace(), skipped.documents(), skipped.reason());
        }
        out.println(result.logLine());
    }
}
