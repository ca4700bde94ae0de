package dev.todolist.backup.cli;

import dev.todolist.backup.job.ArchiveStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the archives are: {@code --dir} (BACKUP_DIR). */
final class DirectoryOptions {

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "backups",
            description = "Backup directory (env BACKUP_DIR; default: ${DEFAULT-VALUE}, /backups in the image).")
    Path directory;

    ArchiveStore store() {
        return new ArchiveStore(directory);
    }
}
