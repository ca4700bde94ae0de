package dev.todolist.backup.retention;

import dev.todolist.backup.job.ArchiveFile;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which archives to keep, by the time in their headers: the newest {@code keepLast}, plus the
 * newest archive of each of the last {@code keepDaily} calendar days (UTC, today included), plus
 * the newest of each of the last {@code keepWeekly} calendar ISO weeks (this week included). A day
 * or week without an archive uses up its place, so an old archive never survives because the
 * days before it were empty. An archive kept by any rule is kept. The newest archive is always
 * kept, and a policy of all zeros keeps everything: a retention setting can never delete every backup.
 */
public record RetentionPolicy(int keepLast, int keepDaily, int keepWeekly) {

    public RetentionPolicy {
        if (keepLast < 0 || keepDaily < 0 || keepWeekly < 0) {
            throw new IllegalArgumentException("retention counts cannot be negative: last=" + keepLast
                    + " daily=" + keepDaily + " weekly=" + keepWeekly);
        }
    }

    public boolean keepsEverything() {
        return keepLast == 0 && keepDaily == 0 && keepWeekly == 0;
    }

    public record Decision(List<ArchiveFile> keep, List<ArchiveFile> delete) {
    }

    /** Splits {@code archives} (any order) into those to keep and those to delete at {@code now}, both oldest first. */
    public Decision apply(List<ArchiveFile> archives, Instant now) {
        List<ArchiveFile> newestFirst = new ArrayList<>(archives);
        newestFirst.sort(ArchiveFile.OLDEST_FIRST.reversed());
        Set<ArchiveFile> keep = new LinkedHashSet<>();
        if (keepsEverything()) {
            keep.addAll(newestFirst);
        } else {
            if (!newestFirst.isEmpty()) {
                keep.add(newestFirst.get(0));
            }
            newestFirst.stream().limit(keepLast).forEach(keep::add);
            LocalDate today = dayOf(now);
            keepNewestPerPeriod(newestFirst, keepDaily, today.minusDays(keepDaily - 1L),
                    archive -> dayOf(archive.createdAt()), keep);
            keepNewestPerPeriod(newestFirst, keepWeekly, mondayOf(today).minusWeeks(keepWeekly - 1L),
                    archive -> mondayOf(dayOf(archive.createdAt())), keep);
        }
        List<ArchiveFile> kept = new ArrayList<>();
        List<ArchiveFile> deleted = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            ArchiveFile archive = newestFirst.get(i);
            (keep.contains(archive) ? kept : deleted).add(archive);
        }
        return new Decision(kept, deleted);
    }

    /** Keeps the newest archive of each period that starts on or after {@code first}. */
    private static void keepNewestPerPeriod(List<ArchiveFile> newestFirst, int periods, LocalDate first,
                                            Function<ArchiveFile, LocalDate> periodOf, Set<ArchiveFile> keep) {
        if (periods == 0) {
            return;
        }
        Set<LocalDate> seen = new HashSet<>();
        for (ArchiveFile archive : newestFirst) {
            LocalDate period = periodOf.apply(archive);
            if (period.isBefore(first)) {
                return;
            }
            if (seen.add(period)) {
                keep.add(archive);
            }
        }
    }

    private static LocalDate dayOf(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static LocalDate mondayOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    @Override
    public String toString() {
        return keepsEverything() ? "keep everything" : "keep last " + keepLast + ", daily " + keepDaily + ", weekly " + keepWeekly;
    }
}
