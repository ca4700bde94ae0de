package dev.todolist.backup.retention;

import dev.todolist.backup.job.ArchiveFile;
import dev.todolist.backup.job.ArchiveKind;
import dev.todolist.backup.job.ArchiveStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPolicyTest {

    @TempDir
    Path directory;

    /** Two archives a day (02:00 and 14:00 UTC) for 30 days ending Tuesday 2026-11-24. */
    private static List<ArchiveFile> twiceDailyForThirtyDays() {
        List<ArchiveFile> archives = new ArrayList<>();
        Instant last = Instant.parse("2026-11-24T14:00:00Z");
        for (int i = 0; i < 60; i++) {
            Instant at = last.minusSeconds(i * 12L * 3600);
            archives.add(new ArchiveFile(Path.of("todolist-" + i + ".archive.gz"), ArchiveKind.SCHEDULED, at, 1));
        }
        return archives;
    }

    @Test
    void keepLastKeepsTheNewestOnly() {
        RetentionPolicy.Decision decision = new RetentionPolicy(3, 0, 0).apply(twiceDailyForThirtyDays());
        assertEquals(List.of("2026-11-23T14:00:00Z", "2026-11-24T02:00:00Z", "2026-11-24T14:00:00Z"),
                decision.keep().stream().map(archive -> archive.createdAt().toString()).toList());
        assertEquals(57, decision.delete().size());
    }

    @Test
    void keepDailyKeepsTheNewestArchiveOfEachOfTheLastDays() {
        RetentionPolicy.Decision decision = new RetentionPolicy(0, 3, 0).apply(twiceDailyForThirtyDays());
        assertEquals(List.of("2026-11-22T14:00:00Z", "2026-11-23T14:00:00Z", "2026-11-24T14:00:00Z"),
                decision.keep().stream().map(archive -> archive.createdAt().toString()).toList());
    }

    @Test
    void keepWeeklyKeepsTheNewestArchiveOfEachIsoWeek() {
        RetentionPolicy.Decision decision = new RetentionPolicy(0, 0, 3).apply(twiceDailyForThirtyDays());
        // ISO weeks end on Sunday: 2026-11-15 and 2026-11-22 are Sundays.
        assertEquals(List.of("2026-11-15T14:00:00Z", "2026-11-22T14:00:00Z", "2026-11-24T14:00:00Z"),
                decision.keep().stream().map(archive -> archive.createdAt().toString()).toList());
    }

    @Test
    void rulesAddUp() {
        RetentionPolicy.Decision decision = new RetentionPolicy(2, 3, 2).apply(twiceDailyForThirtyDays());
        assertEquals(List.of("2026-11-22T14:00:00Z", "2026-11-23T14:00:00Z", "2026-11-24T02:00:00Z",
                        "2026-11-24T14:00:00Z"),
                decision.keep().stream().map(archive -> archive.createdAt().toString()).toList());
    }

    @Test
    void allZerosKeepsEverything() {
        assertTrue(new RetentionPolicy(0, 0, 0).apply(twiceDailyForThirtyDays()).delete().isEmpty());
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(-1, 0, 0));
    }

    @Test
    void pruneDeletesArchivesWithTheirChecksumsAndNeverPreRestoreArchives() throws Exception {
        for (String name : List.of("todolist-20261120T020000Z.archive.gz", "todolist-20261121T020000Z.archive.gz",
                "todolist-20261122T020000Z.archive.gz", "todolist-pre-restore-20261101T020000Z.archive.gz")) {
            Files.writeString(directory.resolve(name), "x");
            Files.writeString(directory.resolve(name + ".sha256"), "x");
        }
        Files.writeString(directory.resolve("notes.txt"), "not an archive");

        RetentionPolicy.Decision decision = new Pruner(new ArchiveStore(directory), new RetentionPolicy(1, 0, 0)).prune(false);

        assertEquals(2, decision.delete().size());
        assertFalse(Files.exists(directory.resolve("todolist-20261120T020000Z.archive.gz")));
        assertFalse(Files.exists(directory.resolve("todolist-20261120T020000Z.archive.gz.sha256")));
        assertTrue(Files.exists(directory.resolve("todolist-20261122T020000Z.archive.gz.sha256")));
        assertTrue(Files.exists(directory.resolve("todolist-pre-restore-20261101T020000Z.archive.gz")));
        assertTrue(Files.exists(directory.resolve("notes.txt")));
    }

    @Test
    void dryRunDeletesNothing() throws Exception {
        Files.writeString(directory.resolve("todolist-20261120T020000Z.archive.gz"), "x");
        Files.writeString(directory.resolve("todolist-20261121T020000Z.archive.gz"), "x");
        RetentionPolicy.Decision decision = new Pruner(new ArchiveStore(directory), new RetentionPolicy(1, 0, 0)).prune(true);
        assertEquals(1, decision.delete().size());
        assertTrue(Files.exists(directory.resolve("todolist-20261120T020000Z.archive.gz")));
    }
}
