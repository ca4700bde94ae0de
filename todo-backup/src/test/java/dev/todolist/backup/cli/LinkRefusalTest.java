package dev.todolist.backup.cli;

import com.mongodb.client.MongoDatabase;
import dev.todolist.backup.lock.BackupLock;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Links planted in BACKUP_DIR under the names the job writes, through the real command line and job. */
class LinkRefusalTest {

    private static final String PRECIOUS = "precious content the job must never touch\n";

    @TempDir
    Path directory;
    @TempDir
    Path elsewhere;

    private List<String> archives() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".archive.gz")).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup", "prune", "restore"})
    void aLockFileThatIsASymbolicLinkIsRefusedAndItsTargetIsUntouched(String command) throws Exception {
        MongoDatabase database = CliRun.seeded("links");
        Path archive = Path.of(CliRun.of(database, directory, "backup").out().strip());
        Path victim = Files.writeString(elsewhere.resolve("victim.txt"), PRECIOUS);
        Path lock = directory.resolve(BackupLock.FILE_NAME);
        Files.delete(lock);
        Files.createSymbolicLink(lock, victim);
        database.getCollection("todos").insertOne(new Document("title", "two"));

        CliRun run = command.equals("restore") ? CliRun.of(database, directory, "restore", "--yes", archive.toString())
                : CliRun.of(database, directory, command);

        assertEquals(ExitCodes.UNSAFE_FILE, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertEquals("todolist-backup: refused: " + lock + " is a symbolic link: refusing to write through it;"
                + " remove it" + System.lineSeparator(), run.err());
        assertEquals(PRECIOUS, Files.readString(victim));
        assertEquals(List.of(archive.getFileName().toString()), archives(), "no archive written, none pruned");
        assertEquals(2, database.getCollection("todos").countDocuments(), "the live data is as it was");
    }

    @Test
    void aLockFileWithASecondHardLinkIsRefused() throws Exception {
        Path victim = Files.writeString(directory.resolve("victim.txt"), PRECIOUS);
        Files.createLink(directory.resolve(BackupLock.FILE_NAME), victim);

        CliRun run = CliRun.of(directory, "prune");

        assertEquals(ExitCodes.UNSAFE_FILE, run.exitCode(), run.err());
        assertTrue(run.err().contains("has 2 hard links: refusing to write through it"), run.err());
        assertEquals(PRECIOUS, Files.readString(victim));
    }

    @Test
    void aRestoreMarkerThatIsASymbolicLinkIsReportedWithoutEchoingItsTarget() throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("secret.txt"), "API_KEY=hunter2\n");
        Files.createSymbolicLink(directory.resolve(".todolist-restore-swap-in-progress"), secret);

        CliRun list = CliRun.of(directory, "list");

        assertEquals(ExitCodes.OK, list.exitCode(), list.err());
        assertFalse(list.out().contains("hunter2"), list.out());
        assertTrue(list.out().contains("WARNING: the restore marker " + directory.resolve(".todolist-restore-swap-in-progress")
                + " is a link or not a file"), list.out());
    }
}
