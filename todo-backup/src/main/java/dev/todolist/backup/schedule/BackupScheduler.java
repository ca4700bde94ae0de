package dev.todolist.backup.schedule;

import dev.todolist.backup.job.BackupResult;
import dev.todolist.backup.lock.LockHeldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code schedule}: runs a backup (and the retention) at every fire time of the cron expression
 * until stopped. Runs never overlap (one thread, plus the directory lock against other processes).
 * A fire time that passes without a run is reported in the log and the metrics, never silently:
 * while the process was down (found at start from the newest archive), while a run overran, or
 * while another process held the lock.
 */
public final class BackupScheduler {

    /** One scheduled run: backup, then retention. */
    @FunctionalInterface
    public interface Run {
        BackupResult run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);

    private final CronSchedule schedule;
    private final Run run;
    private final BackupMetrics metrics;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public BackupScheduler(CronSchedule schedule, Run run, BackupMetrics metrics, Clock clock) {
        this.schedule = schedule;
        this.run = run;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Fire times missed while the process was down: those after the newest scheduled archive and
     * up to now. None when there is no archive yet (a new installation has missed nothing).
     */
    public int missedSince(Optional<Instant> newestArchive) {
        if (newestArchive.isEmpty()) {
            return 0;
        }
        return schedule.countBetween(newestArchive.get().atZone(schedule.zone()), now());
    }

    /**
     * Runs until {@link #stop()}.
     *
     * @param newestArchive the newest scheduled archive at start, to detect runs missed while down
     * @param catchUp       run a backup at once when runs were missed (or {@code runOnStart})
     */
    public void runUntilStopped(Optional<Instant> newestArchive, boolean catchUp, boolean runOnStart)
            throws InterruptedException {
        int missed = missedSince(newestArchive);
        if (missed > 0) {
            metrics.recordMissed(missed);
            LOG.warn("missed {} scheduled backup(s) of \"{}\" while the job was not running (newest archive {}){}",
                    missed, schedule, newestArchive.orElseThrow(), catchUp ? "; backing up now" : "");
        } else if (newestArchive.isEmpty()) {
            LOG.info("no scheduled archive yet in the backup directory");
        }
        if (runOnStart || (catchUp && missed > 0)) {
            runOnce();
        }
        while (stopped.getCount() > 0) {
            ZonedDateTime next = schedule.next(now());
            metrics.nextRun(next);
            LOG.info("next backup at {} (cron {})", next, schedule);
            if (stopped.await(Math.max(0, Duration.between(clock.instant(), next.toInstant()).toMillis()),
                    TimeUnit.MILLISECONDS)) {
                return;
            }
            runOnce();
            int overran = schedule.countBetween(next, now());
            if (overran > 0) {
                metrics.recordMissed(overran);
                LOG.warn("missed {} scheduled backup(s): the run due at {} ended at {}, after the next fire time",
                        overran, next, now());
            }
        }
    }

    /** One run now; its outcome goes to the log and the metrics, never out of the loop. */
    public void runOnce() {
        long start = System.nanoTime();
        try {
            BackupResult result = run.run();
            metrics.recordSuccess(result, clock.instant());
            LOG.info(result.logLine());
        } catch (LockHeldException e) {
            metrics.recordMissed(1);
            LOG.warn("scheduled backup skipped: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.recordFailure("interrupted", clock.instant());
        } catch (Exception e) {
            metrics.recordFailure(e.getMessage() == null ? e.toString() : e.getMessage(), clock.instant());
            LOG.error("backup failed duration_ms={} error=\"{}\"", (System.nanoTime() - start) / 1_000_000, e, e);
        }
    }

    public void stop() {
        stopped.countDown();
    }

    private ZonedDateTime now() {
        return clock.instant().atZone(schedule.zone());
    }
}
