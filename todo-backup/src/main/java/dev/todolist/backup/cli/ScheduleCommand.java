package dev.todolist.backup.cli;

import com.mongodb.client.MongoClient;
import dev.todolist.backup.job.ArchiveFile;
import dev.todolist.backup.job.ArchiveKind;
import dev.todolist.backup.job.ArchiveStore;
import dev.todolist.backup.job.BackupJob;
import dev.todolist.backup.retention.Pruner;
import dev.todolist.backup.retention.RetentionPolicy;
import dev.todolist.backup.schedule.BackupMetrics;
import dev.todolist.backup.schedule.BackupScheduler;
import dev.todolist.backup.schedule.CronSchedule;
import dev.todolist.status.StatusHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Run until stopped: a backup and the retention at every fire time of the cron expression,",
                "with GET /health and GET /metrics (Prometheus) over HTTP. The image's default command."})
final class ScheduleCommand extends CliCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleCommand.class);

    @Mixin
    JobOptions job;
    @Mixin
    RetentionOptions retention;

    @Option(names = "--cron", paramLabel = "EXPR", defaultValue = "0 2 * * *",
            description = "Unix cron expression, 5 fields (env BACKUP_CRON; default: ${DEFAULT-VALUE}).")
    String cron;

    @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of the cron expression (env BACKUP_TIME_ZONE; default: ${DEFAULT-VALUE}).")
    String timeZone;

    @Option(names = "--http-host", paramLabel = "HOST", defaultValue = "0.0.0.0",
            description = "Address of /health and /metrics (env BACKUP_HTTP_HOST; default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Port of /health and /metrics; 0 disables them (env BACKUP_HTTP_PORT; default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--catch-up", paramLabel = "BOOL", defaultValue = "true", arity = "1",
            description = "Back up at start when runs were missed while the job was down (env BACKUP_CATCH_UP; default: ${DEFAULT-VALUE}).")
    boolean catchUp;

    @Option(names = "--run-on-start", paramLabel = "BOOL", defaultValue = "false", arity = "1",
            description = "Back up once at start (env BACKUP_RUN_ON_START; default: ${DEFAULT-VALUE}).")
    boolean runOnStart;

    @Override
    public Integer call() throws Exception {
        CronSchedule schedule = CronSchedule.parse(cron, zone());
        RetentionPolicy policy = retention.policy();
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("--http-port / BACKUP_HTTP_PORT must be 0-65535, not " + httpPort);
        }
        BackupMetrics metrics = new BackupMetrics();
        ArchiveStore store = store();
        Pruner pruner = retention.pruner(store);
        try (MongoClient client = job.connectForDump();
             StatusHttpServer status = httpPort == 0 ? null : StatusHttpServer.start(
                     new InetSocketAddress(httpHost, httpPort), "backup-status-http", metrics.endpoints())) {
            BackupJob backupJob = job.backupJob(client, store);
            metrics.watchInterruptedRestore(() -> {
                try {
                    return store.interruptedRestore();
                } catch (IOException e) {
                    return Optional.of("cannot read the restore marker of " + store.directory() + ": " + e.getMessage());
                }
            });
            BackupScheduler scheduler = new BackupScheduler(schedule,
                    () -> backupJob.backup(ArchiveKind.SCHEDULED, () -> pruner.pruneWhileLocked(false)),
                    metrics, Clock.systemUTC());
            Runtime.getRuntime().addShutdownHook(new Thread(scheduler::stop, "backup-scheduler-stop"));
            LOG.info("backup schedule started: database={} dir={} cron=\"{}\" retention=\"{}\" http={}",
                    job.databaseName(), store.directory(), schedule, policy,
                    status == null ? "off" : httpHost + ":" + status.port() + " (/health, /metrics)");
            scheduler.runUntilStopped(store.latest(ArchiveKind.SCHEDULED).map(ArchiveFile::createdAt),
                    catchUp, runOnStart);
        }
        return ExitCodes.OK;
    }

    private ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone \"" + timeZone + "\" (BACKUP_TIME_ZONE / --time-zone)");
        }
    }
}
