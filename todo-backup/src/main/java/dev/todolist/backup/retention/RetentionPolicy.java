package dev.todolist.backup.retention;

import dev.todolist.backup.job.ArchiveFile;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which scheduled archives to keep: the newest {@code keepLast}, plus the newest archive of each of
 * the last {@code keepDaily} UTC days that have one, plus the newest of each of the last
 * {@code keepWeekly} ISO weeks that have one (the rules of restic's and borg's {@code --keep-*}).
 * An archive kept by any rule is kept. The newest archive is always kept, and a policy of all
 * zeros keeps everything: a retention setting can never delete every backup.
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

    /** Splits {@code archives} (any order) into those to keep and those to delete, both oldest first. */
    public Decision apply(List<ArchiveFile> archives) {
        List<ArchiveFile> newestFirst = new ArrayList<>(archives);
        newestFirst.sort(Comparator.comparing(ArchiveFile::createdAt).thenComparing(ArchiveFile::sequence).reversed());
        Set<ArchiveFile> keep = new LinkedHashSet<>();
        if (keepsEverything()) {
            keep.addAll(newestFirst);
        } else {
            if (!newestFirst.isEmpty()) {
                keep.add(newestFirst.get(0));
            }
            newestFirst.stream().limit(keepLast).forEach(keep::add);
            keepNewestPerPeriod(newestFirst, keepDaily, archive -> utc(archive).toLocalDate(), keep);
            keepNewestPerPeriod(newestFirst, keepWeekly, archive -> utc(archive).get(IsoFields.WEEK_BASED_YEAR) * 100
                    + utc(archive).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), keep);
        }
        List<ArchiveFile> kept = new ArrayList<>();
        List<ArchiveFile> deleted = new ArrayList<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            ArchiveFile archive = newestFirst.get(i);
            (keep.contains(archive) ? kept : deleted).add(archive);
        }
        return new Decision(kept, deleted);
    }

    private static void keepNewestPerPeriod(List<ArchiveFile> newestFirst, int periods,
                                            Function<ArchiveFile, Object> periodOf, Set<ArchiveFile> keep) {
        Set<Object> seen = new HashSet<>();
        for (ArchiveFile archive : newestFirst) {
            if (seen.size() >= periods) {
                return;
            }
            if (seen.add(periodOf.apply(archive))) {
                keep.add(archive);
            }
        }
    }

    private static ZonedDateTime utc(ArchiveFile archive) {
        return archive.createdAt().atZone(ZoneOffset.UTC);
    }

    @Override
    public String toString() {
        return keepsEverything() ? "keep everything" : "keep last " + keepLast + ", daily " + keepDaily + ", weekly " + keepWeekly;
    }
}
