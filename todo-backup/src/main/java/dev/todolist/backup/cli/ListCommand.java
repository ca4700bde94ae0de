package dev.todolist.backup.cli;

import dev.todolist.backup.job.ArchiveFile;
import dev.todolist.backup.job.ArchiveListing;
import dev.todolist.backup.job.ArchiveStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the archives of the backup directory, oldest first by the time in each archive's header,",
                "with their kind (scheduled, manual, pre-restore); then the files that only look like archives."})
final class ListCommand extends CliCommand {


    @Option(names = "--latest", paramLabel = "N", description = "Only the N newest archives.")
    Integer latest;

    @Override
    public Integer call() throws Exception {
        if (latest != null && latest < 1) {
            throw new IllegalArgumentException("--latest must be 1 or more, not " + latest);
        }
        ArchiveStore store = store();
        ArchiveListing listing = store.scan();
        List<ArchiveFile> archives = listing.archives();
        List<ArchiveFile> shown = latest == null ? archives : archives.subList(Math.max(0, archives.size() - latest),
                archives.size());
        PrintWriter out = out();
        out.printf("%-50s %-12s %-24s %14s %s%n", "ARCHIVE", "KIND", "CREATED (UTC)", "BYTES", "SHA256 FILE");
        for (ArchiveFile archive : shown) {
            out.printf("%-50s %-12s %-24s %14d %s%n", archive.fileName(), archive.kind().wireName(),
                    archive.createdAt(), Files.size(archive.path()), Files.exists(archive.checksumFile()) ? "yes" : "MISSING");
        }
        out.printf("%d archive(s) in %s%s%n", archives.size(), store.directory(),
                shown.size() < archives.size() ? " (the " + shown.size() + " newest shown)" : "");
        for (ArchiveListing.Ignored ignored : listing.ignored()) {
            out.printf("not counted: %s (%s)%n", ignored.fileName(), ignored.reason());
        }
        store.interruptedRestore().ifPresent(message -> out.println("WARNING: " + message));
        return ExitCodes.OK;
    }
}
