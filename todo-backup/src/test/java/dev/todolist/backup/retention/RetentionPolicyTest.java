package dev.todolist.backup.retention;

import dev.todolist.backup.job.ArchiveFile;
import dev.todolist.backup.job.ArchiveKind;
import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.job.TestArchives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPolicyTest {

    /** Tuesday 2026-11-24, 15:00 UTC: an hour after the last archive of {@link #twiceDailyForThirtyDays}. */
    private static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

    @TempDir
    Path directory;

    /** Two archives a day (02:00 and 14:00 UTC) for 30 days ending Tuesday 2026-11-24. */
    private static List<ArchiveFile> twiceDailyForThirtyDays() {
        List<ArchiveFile> archives = new ArrayList<>();
        Instant last = Instant.parse("2026-11-24T14:00:00Z");
        for (int i = 0; i < 60; i++) {
            archives.add(archive(last.minusSeconds(i * 12L * 3600)));
        }
        return archives;
    }

    private static ArchiveFile archive(Instant at) {
        return new ArchiveFile(Path.of("todolist-" + at.toEpochMilli() + ".archive.gz"), ArchiveKind.SCHEDULED, at);
    }

    /** Archives created at these instants (ISO-8601). */
    private static List<ArchiveFile> archivesAt(String... instants) {
        return Stream.of(instants).map(at -> archive(Instant.parse(at))).toList();
    }

    private static List<String> kept(RetentionPolicy policy, List<ArchiveFile> archives, Instant now) {
        return policy.apply(archives, now).keep().stream().map(archive -> archive.createdAt().toString()).toList();
    }

    @Test
    void keepLastKeepsTheNewestOnly() {
        RetentionPolicy.Decision decision = new RetentionPolicy(3, 0, 0).apply(twiceDailyForThirtyDays(), NOW);
        assertEquals(List.of("2026-11-23T14:00:00Z", "2026-11-24T02:00:00Z", "2026-11-24T14:00:00Z"),
                decision.keep().stream().map(archive -> archive.createdAt().toString()).toList());
        assertEquals(57, decision.delete().size());
    }

    @Test
    void keepDailyKeepsTheNewestArchiveOfEachOfTheLastDays() {
        assertEquals(List.of("2026-11-22T14:00:00Z", "2026-11-23T14:00:00Z", "2026-11-24T14:00:00Z"),
                kept(new RetentionPolicy(0, 3, 0), twiceDailyForThirtyDays(), NOW));
    }

    @Test
    void keepWeeklyKeepsTheNewestArchiveOfEachIsoWeek() {
        // ISO weeks end on Sunday: 2026-11-15 and 2026-11-22 are Sundays.
        assertEquals(List.of("2026-11-15T14:00:00Z", "2026-11-22T14:00:00Z", "2026-11-24T14:00:00Z"),
                kept(new RetentionPolicy(0, 0, 3), twiceDailyForThirtyDays(), NOW));
    }

    /**
     * Days and weeks are calendar periods counted back from now, today's and this week's included,
     * not the last N archives: each row has what it shows, the daily and weekly counts, now, the
     * archives' times and the ones kept.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            the last 7 days are 11-18 to 11-24: last year's archive is not among them \
            | 7 | 0 | 2026-11-24T15:00:00Z | 2025-11-20T02:00:00Z 2026-11-21T02:00:00Z 2026-11-24T02:00:00Z \
            | 2026-11-21T02:00:00Z 2026-11-24T02:00:00Z
            3 days before today's backup are 11-22, 11-23 and today: 11-21 goes \
            | 3 | 0 | 2026-11-24T01:00:00Z | 2026-11-21T02:00:00Z 2026-11-22T02:00:00Z 2026-11-23T02:00:00Z \
            | 2026-11-22T02:00:00Z 2026-11-23T02:00:00Z
            the last 3 ISO weeks start on 11-09, 11-16 and 11-23: a week without archives uses its place \
            | 0 | 3 | 2026-11-24T15:00:00Z | 2026-10-01T02:00:00Z 2026-11-10T02:00:00Z 2026-11-24T02:00:00Z \
            | 2026-11-10T02:00:00Z 2026-11-24T02:00:00Z
            """)
    void daysAndWeeksAreCalendarPeriods(String shows, int daily, int weekly, Instant now, String archives, String kept) {
        assertEquals(List.of(kept.split(" ")),
                kept(new RetentionPolicy(0, daily, weekly), archivesAt(archives.split(" ")), now));
    }

    @Test
    void rulesAddUp() {
        assertEquals(List.of("2026-11-22T14:00:00Z", "2026-11-23T14:00:00Z", "2026-11-24T02:00:00Z",
                        "2026-11-24T14:00:00Z"),
                kept(new RetentionPolicy(2, 3, 2), twiceDailyForThirtyDays(), NOW));
    }

    @Test
    void theNewestArchiveIsKeptEvenWhenEveryRuleHasPassedIt() {
        List<ArchiveFile> archives = archivesAt("2025-01-01T02:00:00Z", "2025-01-02T02:00:00Z");
        assertEquals(List.of("2025-01-02T02:00:00Z"), kept(new RetentionPolicy(0, 7, 4), archives, NOW));
    }

    @Test
    void allZerosKeepsEverything() {
        assertTrue(new RetentionPolicy(0, 0, 0).apply(twiceDailyForThirtyDays(), NOW).delete().isEmpty());
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RetentionPolicy(-1, 0, 0));
    }

    private Pruner pruner(RetentionPolicy policy) {
        return new Pruner(new ArchiveStore(directory), policy, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void pruneDeletesArchivesWithTheirChecksumsAndNeverPreRestoreArchives() throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Path oldest = TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2026-11-20T02:00:00Z"));
        TestArchives.published(store, ArchiveKind.MANUAL, Instant.parse("2026-11-21T02:00:00Z"));
        Path newest = TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2026-11-22T02:00:00Z"));
        Path safety = TestArchives.published(store, ArchiveKind.PRE_RESTORE, Instant.parse("2026-11-01T02:00:00Z"));
        Files.writeString(directory.resolve("notes.txt"), "not an archive");

        RetentionPolicy.Decision decision = pruner(new RetentionPolicy(1, 0, 0)).prune(false);

        assertEquals(2, decision.delete().size());
        assertFalse(Files.exists(oldest));
        assertFalse(Files.exists(ArchiveStore.checksumFileOf(oldest)));
        assertTrue(Files.exists(ArchiveStore.checksumFileOf(newest)));
        assertTrue(Files.exists(safety));
        assertTrue(Files.exists(directory.resolve("notes.txt")));
    }

    @Test
    void aFileThatOnlyLooksLikeABackupTakesNoKeepSlotAndIsNeverDeleted() throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Path real = TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2026-11-22T02:00:00Z"));
        // Newer by its name, but not an archive: with keep-last 1 it must not push the real one out.
        Path fake = Files.writeString(directory.resolve("todolist-20261124T020000Z.archive.gz"), "not an archive");
        // An archive mongodump wrote, renamed like one of ours: no kind or time of this job in its header.
        Path foreign = TestArchives.write(directory.resolve("todolist-20261123T020000Z.archive.gz"), "todolist",
                TestArchives.Entry.collection("todos", "{}", List.of()));

        RetentionPolicy.Decision decision = pruner(new RetentionPolicy(1, 0, 0)).prune(false);

        assertEquals(List.of(real), decision.keep().stream().map(ArchiveFile::path).toList());
        assertEquals(List.of(), decision.delete());
        assertTrue(Files.exists(real) && Files.exists(fake) && Files.exists(foreign));
    }

    @Test
    void retentionOrdersByTheTimeInTheArchiveNotByItsName() throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Path older = TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2026-11-20T02:00:00Z"));
        Path newer = TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2026-11-22T02:00:00Z"));
        // Renamed to sort last by name: its header still says 2026-11-20.
        Path renamed = Files.move(older, directory.resolve("todolist-20261130T020000Z.archive.gz"));

        RetentionPolicy.Decision decision = pruner(new RetentionPolicy(1, 0, 0)).prune(true);

        assertEquals(List.of(newer), decision.keep().stream().map(ArchiveFile::path).toList());
        assertEquals(List.of(renamed), decision.delete().stream().map(ArchiveFile::path).toList());
    }

    @Test
    void dryRunDeletesNothing() throws Exception {
        ArchiveStore store = new ArchiveStore(directory);
        Path older = TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2026-11-20T02:00:00Z"));
        TestArchives.published(store, ArchiveKind.SCHEDULED, Instant.parse("2026-11-21T02:00:00Z"));
        RetentionPolicy.Decision decision = pruner(new RetentionPolicy(1, 0, 0)).prune(true);
        assertEquals(1, decision.delete().size());
        assertTrue(Files.exists(older));
    }
}
