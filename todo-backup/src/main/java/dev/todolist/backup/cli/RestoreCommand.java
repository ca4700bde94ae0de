package dev.todolist.backup.cli;

import com.mongodb.client.MongoClient;
import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.job.RestoreJob;
import dev.todolist.backup.job.RestoreListener;
import dev.todolist.backup.job.RestorePlan;
import dev.todolist.backup.job.RestoreResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Replace the database's content by FILE's: verify it fully, take a safety backup",
                "(todolist-pre-restore-*.archive.gz), load staging collections, check options, documents and indexes, swap them in.",
                "Any failure leaves the live data as it was; a refused archive of the backup directory goes to its rejected/."})
final class RestoreCommand extends CliCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RestoreCommand.class);

    @Mixin
    JobOptions job;

    @Parameters(paramLabel = "FILE", description = "Archive to restore (ours, or mongodump --archive [--gzip]).")
    Path file;

    @Option(names = "--dry-run", description = "Verify the archive and say what would happen; change nothing.")
    boolean dryRun;

    @Option(names = "--from-database", paramLabel = "NAME",
            description = "The archive's database to restore when it holds several (mongodump of a whole server).")
    String fromDatabase;

    @Option(names = "--skip-timeseries",
            description = "Restore an archive whose database holds time-series collections, leaving those out"
                    + " (and the live ones of their names as they are); without it such an archive is refused.")
    boolean skipTimeseries;

    @Option(names = {"-y", "--yes"},
            description = "Do not ask for confirmation on a terminal. Without a terminal (scripts, docker exec"
                    + " without -t) restore never asks.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        String database = job.databaseName();
        if (!dryRun && !yes && !confirmed(database)) {
            spec.commandLine().getErr().println("todolist-backup: restore cancelled, nothing was changed");
            return ExitCodes.FAILED;
        }
        long start = System.nanoTime();
        try (MongoClient client = job.connectForRestore()) {
            ArchiveStore store = store();
            RestoreJob restore = new RestoreJob(client, database, job.backupJob(client, store), store, RestoreListener.NONE);
            Optional<String> source = Optional.ofNullable(fromDatabase);
            RestoreResult result = dryRun ? restore.dryRun(file, source, skipTimeseries)
                    : restore.restore(file, source, skipTimeseries);
            print(result, out());
        } catch (Exception e) {
            LOG.error("restore failed archive={} duration_ms={} error=\"{}\"", file.getFileName(),
                    (System.nanoTime() - start) / 1_000_000, e.getMessage());
            throw e;
        }
        return ExitCodes.OK;
    }

    /** On a terminal, the operator confirms; a script (no console) has confirmed by calling. */
    private boolean confirmed(String database) {
        Console console = System.console();
        if (console == null) {
            return true;
        }
        String answer = console.readLine("Replace the whole content of database %s by %s (a safety backup is taken"
                + " first)? Type yes to go on: ", database, file);
        return answer != null && answer.strip().equalsIgnoreCase("yes");
    }

    private void print(RestoreResult result, PrintWriter out) {
        RestorePlan plan = result.plan();
        String verb = result.dryRun() ? "would " : "";
        out.printf("%s: archive verified%n", result.archive());
        if (result.dryRun()) {
            out.printf("dry run, nothing changed. A restore would:%n");
            out.printf("  take a safety backup of %s into %s (todolist-pre-restore-<UTC time>.archive.gz)%n",
                    plan.targetDatabase(), store().directory());
            out.printf("  load staging collections, check their options, documents (byte for byte) and indexes,"
                    + " then replace the live collections:%n");
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
        for (String kept : result.keptCollections()) {
            out.printf("  %sleave %s.%s as it is (a time-series collection: the job does not restore those)%n", verb,
                    plan.targetDatabase(), kept);
        }
        for (RestorePlan.Skipped skipped : plan.skipped()) {
            out.printf("  skipped %s (%d documents): %s%n", skipped.namespace(), skipped.documents(), skipped.reason());
        }
        out.println(result.logLine());
    }
}
