package dev.todolist.backup.schedule;

import dev.todolist.backup.job.BackupResult;
import dev.todolist.backup.lock.LockHeldException;
import dev.todolist.backup.logging.CapturedLog;
import dev.todolist.status.StatusHttpServer;
import dev.todolist.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupSchedulerTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final CronSchedule NIGHTLY = CronSchedule.parse("0 2 * * *", ZoneOffset.UTC);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static BackupResult result() {
        return new BackupResult(Path.of("todolist-20261124T100000Z.archive.gz"), "ab", 1234, 5678, 2, 42, NOW,
                Duration.ofMillis(1500));
    }

    @Test
    void runsMissedWhileTheJobWasDownAreCountedFromTheNewestArchive() {
        BackupScheduler scheduler = new BackupScheduler(NIGHTLY, BackupSchedulerTest::result, new BackupMetrics(), CLOCK);
        assertEquals(3, scheduler.missedSince(Optional.of(Instant.parse("2026-11-21T02:00:05Z"))));
        assertEquals(0, scheduler.missedSince(Optional.of(Instant.parse("2026-11-24T02:00:00Z"))));
        assertEquals(0, scheduler.missedSince(Optional.empty()));
    }

    @Test
    void missedRunsAreReportedAndCaughtUpAtStart() throws Exception {
        BackupMetrics metrics = new BackupMetrics();
        AtomicInteger runs = new AtomicInteger();
        BackupScheduler[] scheduler = new BackupScheduler[1];
        scheduler[0] = new BackupScheduler(NIGHTLY, () -> {
            runs.incrementAndGet();
            scheduler[0].stop();
            return result();
        }, metrics, CLOCK);

        scheduler[0].runUntilStopped(Optional.of(Instant.parse("2026-11-22T02:00:00Z")), true, false);

        assertEquals(1, runs.get());
        assertEquals(2, metrics.missedRuns());
        assertTrue(metrics.prometheusText().contains("todolist_backup_missed_runs_total 2\n"));
        assertTrue(metrics.prometheusText().contains("todolist_backup_last_documents 42\n"));
    }

    @Test
    void aFailedRunTurnsHealthDownUntilTheNextSuccess() {
        BackupMetrics metrics = new BackupMetrics();
        new BackupScheduler(NIGHTLY, () -> {
            throw new java.io.IOException("disk full");
        }, metrics, CLOCK).runOnce();

        assertFalse(metrics.healthy());
        assertTrue(metrics.healthJson().contains("\"status\":\"DOWN\""));
        assertTrue(metrics.healthJson().contains("\"lastError\":\"disk full\""));
        assertTrue(metrics.prometheusText().contains("todolist_backup_runs_total{result=\"failure\"} 1\n"));

        new BackupScheduler(NIGHTLY, BackupSchedulerTest::result, metrics, CLOCK).runOnce();
        assertTrue(metrics.healthy());
        assertEquals(0, metrics.consecutiveFailures());
    }

    @Test
    void aRunSkippedBecauseAnotherHeldTheLockCountsAsMissed() {
        BackupMetrics metrics = new BackupMetrics();
        new BackupScheduler(NIGHTLY, () -> {
            throw new LockHeldException("another backup, restore or prune is running");
        }, metrics, CLOCK).runOnce();
        assertEquals(1, metrics.missedRuns());
        assertTrue(metrics.healthy());
    }

    @Test
    void fireTimesPassedDuringALongRunAreCounted() {
        CronSchedule everyFiveMinutes = CronSchedule.parse("*/5 * * * *", ZoneOffset.UTC);
        ZonedDateTime start = ZonedDateTime.parse("2026-11-24T10:00:00Z");
        assertEquals(3, everyFiveMinutes.countBetween(start, start.plusMinutes(17)));
        assertEquals(ZonedDateTime.parse("2026-11-25T02:00:00Z"), NIGHTLY.next(start));
    }

    @Test
    void anInvalidCronExpressionIsRejectedWithTheExpectedShape() {
        IllegalArgumentException rejected = assertThrows(IllegalArgumentException.class,
                () -> CronSchedule.parse("0 2 * *", ZoneOffset.UTC));
        assertTrue(rejected.getMessage().startsWith("invalid cron expression \"0 2 * *\" (expected 5 fields"),
                rejected.getMessage());
    }

    @Test
    void endpointsServeHealthAndPrometheusMetrics() throws Exception {
        BackupMetrics metrics = new BackupMetrics();
        HttpClient http = HttpClient.newHttpClient();
        try (StatusHttpServer server = StatusHttpServer.start(new InetSocketAddress("127.0.0.1", 0), "backup-status-test",
                metrics.endpoints())) {
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertTrue(health.body().startsWith("{\"status\":\"UP\""), health.body());

            metrics.recordFailure("database unreachable", NOW);
            assertEquals(503, http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, prometheus.statusCode());
            assertTrue(prometheus.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
            assertTrue(prometheus.body().contains("# TYPE todolist_backup_last_success_timestamp_seconds gauge\n"));
            assertTrue(prometheus.body().contains("todolist_backup_last_failure_timestamp_seconds 1795514400\n"),
                    prometheus.body());
        }
    }

    @Test
    void eachScheduledRunLogsOneLineWithItsOutcome() {
        try (CapturedLog log = CapturedLog.of(BackupScheduler.class)) {
            new BackupScheduler(NIGHTLY, BackupSchedulerTest::result, new BackupMetrics(), CLOCK).runOnce();
            new BackupScheduler(NIGHTLY, () -> {
                throw new java.io.IOException("No space left on device");
            }, new BackupMetrics(), CLOCK).runOnce();

            assertEquals(List.of("backup ok archive=todolist-20261124T100000Z.archive.gz duration_ms=1500 size_bytes=1234"
                    + " uncompressed_bytes=5678 collections=2 documents=42 mb_per_s=0.0"), log.lines().subList(0, 1));
            assertEquals(2, log.lines().size(), log.lines().toString());
            assertTrue(log.lines().get(1).matches("backup failed duration_ms=\\d+ error=\"java.io.IOException: No space left on device\""),
                    log.lines().get(1));
        }
    }

    @Test
    void fireTimesARunOverranAreReportedAsMissed() throws Exception {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-24T01:59:59.950Z"));
        BackupMetrics metrics = new BackupMetrics();
        BackupScheduler[] scheduler = new BackupScheduler[1];
        scheduler[0] = new BackupScheduler(NIGHTLY, () -> {
            clock.set(Instant.parse("2026-11-26T03:00:00Z"));
            scheduler[0].stop();
            return result();
        }, metrics, clock);

        scheduler[0].runUntilStopped(Optional.empty(), true, false);

        assertEquals(2, metrics.missedRuns(), "the runs due on the 25th and the 26th at 02:00 never happened");
        assertTrue(metrics.healthJson().contains("\"missedRuns\":2"), metrics.healthJson());
    }

    @Test
    void aRestoreKilledMidSwapShowsInHealthAndMetricsWhileItsMarkerIsThere() {
        BackupMetrics metrics = new BackupMetrics();
        java.util.concurrent.atomic.AtomicReference<String> marker = new java.util.concurrent.atomic.AtomicReference<>();
        metrics.watchInterruptedRestore(() -> Optional.ofNullable(marker.get()));
        assertTrue(metrics.healthJson().endsWith(",\"interruptedRestore\":null}"), metrics.healthJson());
        assertTrue(metrics.prometheusText().contains("todolist_backup_restore_interrupted 0\n"));

        marker.set("a restore of database todolist began replacing its collections at 2026-11-24T10:00:00Z and did not finish");

        assertTrue(metrics.healthJson().contains("\"interruptedRestore\":\"a restore of database todolist began"),
                metrics.healthJson());
        assertTrue(metrics.prometheusText().contains("todolist_backup_restore_interrupted 1\n"));
    }
}
