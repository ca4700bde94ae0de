package dev.todolist.backup.cli;

import dev.todolist.backup.job.ArchiveFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the archives of the backup directory, oldest first.")
final class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;
    @Mixin
    DirectoryOptions directory;

    @Override
    public Integer call() throws Exception {
        List<ArchiveFile> archives = directory.store().list();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-50s %-12s %-21s %14s %s%n", "ARCHIVE", "KIND", "CREATED (UTC)", "BYTES", "SHA256 FILE");
        for (ArchiveFile archive : archives) {
            out.printf("%-50s %-12s %-21s %14d %s%n", archive.fileName(), archive.kind().name().toLowerCase(),
                    archive.createdAt(), Files.size(archive.path()), Files.exists(archive.checksumFile()) ? "yes" : "MISSING");
        }
        out.printf("%d archive(s) in %s%n", archives.size(), directory.store().directory());
        directory.store().interruptedRestore().ifPresent(message -> out.println("WARNING: " + message));
        return ExitCodes.OK;
    }
}
