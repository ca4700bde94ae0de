package dev.todolist.backup.cli;

import dev.todolist.backup.retention.Pruner;
import dev.todolist.backup.retention.RetentionPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Delete the scheduled archives the retention does not keep (pre-restore archives are never pruned).")
final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    DirectoryOptions directory;
    @Mixin
    RetentionOptions retention;

    @Option(names = "--dry-run", description = "Only say what would be deleted.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        RetentionPolicy policy = retention.policy();
        RetentionPolicy.Decision decision = new Pruner(directory.store(), policy).prune(dryRun);
        PrintWriter out = spec.commandLine().getOut();
        decision.keep().forEach(archive -> out.println("keep   " + archive.fileName()));
        decision.delete().forEach(archive -> out.println((dryRun ? "would delete " : "delete ") + archive.fileName()));
        out.printf("%s: %d kept, %d %s%n", policy, decision.keep().size(), decision.delete().size(),
                dryRun ? "to delete (dry run)" : "deleted");
        return ExitCodes.OK;
    }
}
