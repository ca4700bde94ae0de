package dev.todolist.backup.cli;

import com.mongodb.client.MongoDatabase;
import dev.todolist.backup.job.ArchiveKind;
import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.job.ArchiveVerifier;
import dev.todolist.backup.job.TestArchives;
import dev.todolist.backup.logging.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** list, verify and prune as an operator (and manage-docker.sh) runs them against BACKUP_DIR. */
class BackupDirectoryCliTest {

    @TempDir
    Path directory;
    @TempDir
    Path elsewhere;

    private Path damagedBackup(MongoDatabase database) throws Exception {
        Path archive = Path.of(CliRun.of(database, directory, "backup", "--no-prune").out().strip());
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length - 10));
        return archive;
    }

    @Test
    void verifyOfADamagedArchiveOfTheBackupDirectoryMovesItToRejectedAndSaysSo() throws Exception {
        Path archive = damagedBackup(CliRun.seeded("dir"));
        Path rejected = directory.resolve("rejected").resolve(archive.getFileName());

        CliRun verify;
        try (CapturedLog log = CapturedLog.of(ArchiveVerifier.class)) {
            verify = CliRun.of(directory, "verify", archive.toString());
            assertEquals(List.of("archive rejected archive=" + archive.getFileName() + " moved to " + rejected
                    + " reason=\"SHA-256 mismatch for " + archive.getFileName()), log.lines().stream()
                    .map(line -> line.substring(0, line.indexOf(": checksum file"))).toList());
        }

        assertEquals(ExitCodes.INVALID_ARCHIVE, verify.exitCode());
        assertTrue(verify.oneErrorLine(), verify.err());
        assertTrue(verify.err().startsWith("todolist-backup: archive refused: SHA-256 mismatch"), verify.err());
        assertTrue(verify.err().strip().endsWith("; moved to " + rejected), verify.err());
        assertFalse(Files.exists(archive));
        assertTrue(Files.exists(rejected) && Files.exists(ArchiveStore.checksumFileOf(rejected)));
        CliRun list = CliRun.of(directory, "list");
        assertTrue(list.out().contains("0 archive(s)"), list.out());
    }

    @Test
    void restoreOfADamagedArchiveOfTheBackupDirectoryMovesItToRejected() throws Exception {
        MongoDatabase database = CliRun.seeded("dir");
        Path archive = damagedBackup(database);

        CliRun restore = CliRun.of(database, directory, "restore", "--yes", archive.toString());

        assertEquals(ExitCodes.INVALID_ARCHIVE, restore.exitCode());
        assertTrue(Files.exists(directory.resolve("rejected").resolve(archive.getFileName())));
        assertFalse(Files.exists(archive));
    }

    @Test
    void aDamagedArchiveOutsideTheBackupDirectoryStaysWhereItIs() throws Exception {
        Path archive = damagedBackup(CliRun.seeded("dir"));
        Path outside = Files.move(archive, elsewhere.resolve(archive.getFileName()));

        CliRun verify = CliRun.of(directory, "verify", outside.toString());

        assertEquals(ExitCodes.INVALID_ARCHIVE, verify.exitCode());
        assertTrue(Files.exists(outside));
        assertFalse(Files.exists(directory.resolve("rejected")));
    }

    @Test
    void verifyOfAFileThatIsNotAnArchiveSaysSoWithoutEchoingIt() throws Exception {
        Path file = Files.writeString(elsewhere.resolve("todolist-20261124T020000Z.archive.gz"), "API_KEY=hunter2\n");

        CliRun verify = CliRun.of(directory, "verify", file.toString());

        assertEquals(ExitCodes.INVALID_ARCHIVE, verify.exitCode());
        assertEquals("todolist-backup: archive refused: not an archive: neither a mongodump archive nor a"
                + " gzip-compressed one" + System.lineSeparator(), verify.err());
        assertEquals("", verify.out());
    }

    @Test
    void listOrdersByTheTimeInEachArchiveWithItsKindAndSetsApartLookalikes() throws Exception {
        MongoDatabase database = CliRun.seeded("dir");
        ArchiveStore store = new ArchiveStore(directory);
        Path scheduled = TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2026-01-01T02:00:00Z"));
        // Renamed so that its name sorts after everything: its header still says 2026-01-01.
        Path renamed = Files.move(scheduled, directory.resolve("todolist-20991231T020000Z.archive.gz"));
        Files.move(ArchiveStore.checksumFileOf(scheduled), ArchiveStore.checksumFileOf(renamed));
        Files.writeString(directory.resolve("todolist-20991230T020000Z.archive.gz"), "not an archive");
        Path manual = Path.of(CliRun.of(database, directory, "backup").out().strip());
        CliRun restore = CliRun.of(database, directory, "restore", "--yes", manual.toString());
        assertEquals(ExitCodes.OK, restore.exitCode(), restore.err());

        CliRun list = CliRun.of(database, directory, "list");

        assertEquals(ExitCodes.OK, list.exitCode(), list.err());
        List<String> rows = list.out().lines().skip(1).limit(3).map(line -> line.split("\\s+")[0] + " "
                + line.split("\\s+")[1]).toList();
        String safety = rows.get(2).split(" ")[0];
        assertEquals(List.of(renamed.getFileName() + " scheduled", manual.getFileName() + " manual",
                safety + " pre-restore"), rows);
        assertTrue(safety.startsWith("todolist-pre-restore-"), safety);
        assertTrue(list.out().contains("3 archive(s) in " + directory), list.out());
        assertTrue(list.out().contains("not counted: todolist-20991230T020000Z.archive.gz (not an archive"), list.out());

        CliRun latest = CliRun.of(database, directory, "list", "--latest", "1");
        assertTrue(latest.out().contains(safety) && !latest.out().contains(manual.getFileName().toString()),
                latest.out());
        assertTrue(latest.out().contains("3 archive(s) in " + directory + " (the 1 newest shown)"), latest.out());
    }

    @Test
    void pruneDryRunSaysWhatWouldGoAndDeletesNothing() throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Path old = TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2025-01-01T02:00:00Z"));
        Path recent = TestArchives.published(store, ArchiveKind.MANUAL, Instant.now());

        CliRun prune = CliRun.of(Map.of("BACKUP_DIR", directory.toString(), "BACKUP_KEEP_LAST", "1"),
                "prune", "--dry-run");

        assertEquals(ExitCodes.OK, prune.exitCode(), prune.err());
        assertEquals(List.of("keep   " + recent.getFileName(), "would delete " + old.getFileName(),
                "keep last 1, daily 7, weekly 4: 1 kept, 1 to delete (dry run)"), prune.out().lines().toList());
        assertTrue(Files.exists(old));
    }
}
