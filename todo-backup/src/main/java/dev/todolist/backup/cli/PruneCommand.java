package dev.todolist.backup.cli;

import dev.todolist.backup.retention.RetentionPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Delete the scheduled and manual archives the retention does not keep (by the time in each",
                "archive's header; pre-restore archives and files that are not archives of this job are never pruned)."})
final class PruneCommand extends CliCommand {

    @Mixin
    RetentionOptions retention;

    @Option(names = "--dry-run", description = "Only say what would be deleted.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        RetentionPolicy.Decision decision = retention.pruner(store()).prune(dryRun);
        PrintWriter out = out();
        decision.keep().forEach(archive -> out.println("keep   " + archive.fileName()));
        decision.delete().forEach(archive -> out.println((dryRun ? "would delete " : "delete ") + archive.fileName()));
        out.printf("%s: %d kept, %d %s%n", retention.policy(), decision.keep().size(), decision.delete().size(),
                dryRun ? "to delete (dry run)" : "deleted");
        return ExitCodes.OK;
    }
}
