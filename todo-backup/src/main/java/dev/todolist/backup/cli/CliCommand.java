package dev.todolist.backup.cli;

import dev.todolist.backup.job.ArchiveStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * A subcommand: it works on the archives of one backup directory ({@code --dir}); its results go
 * to the command line's stdout (logs go to stderr).
 */
abstract class CliCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    DirectoryOptions directory;

    ArchiveStore store() {
        return directory.store();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
