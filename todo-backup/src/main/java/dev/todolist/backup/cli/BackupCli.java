package dev.todolist.backup.cli;

import com.mongodb.MongoException;
import dev.todolist.backup.archive.ArchiveFormatException;
import dev.todolist.backup.job.RestoreFailedException;
import dev.todolist.backup.job.RestorePlan;
import dev.todolist.backup.lock.LockHeldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Properties;

/** The {@code todolist-backup} command line: backup, restore, verify, list, prune, schedule. */
@Command(name = "todolist-backup", mixinStandardHelpOptions = true, versionProvider = BackupCli.Version.class,
        description = "Backs up and restores the todolist MongoDB database as mongodump-compatible gzip archives.",
        subcommands = {BackupCommand.class, RestoreCommand.class, VerifyCommand.class, ListCommand.class,
                PruneCommand.class, ScheduleCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:the run failed (database unreachable, I/O error...)",
                "2:bad command line or configuration",
                "3:another backup, restore or prune holds the lock",
                "4:archive damaged or invalid; nothing was changed",
                "5:restore failed; the live database is as it was",
                "6:restore failed and the safety backup could not be put back"})
public final class BackupCli implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupCli.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with {@code environment} as the configuration; returns the exit code. */
    public static int execute(String[] args, Map<String, String> environment, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new BackupCli())
                .setDefaultValueProvider(new EnvironmentDefaults(environment))
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((exception, line, parseResult) -> handle(exception, line.getErr()));
        return commandLine.execute(args);
    }

    private static int handle(Exception exception, PrintWriter err) {
        int code;
        String message;
        if (exception instanceof RestoreFailedException failed) {
            code = failed.liveDataIntact() ? ExitCodes.RESTORE_FAILED_DATA_INTACT : ExitCodes.RESTORE_FAILED_DATA_CHANGED;
            message = "restore failed: " + failed.getMessage();
        } else if (exception instanceof RestorePlan.PlanException) {
            code = ExitCodes.USAGE;
            message = "cannot restore as asked: " + exception.getMessage();
        } else if (exception instanceof ArchiveFormatException) {
            code = ExitCodes.INVALID_ARCHIVE;
            message = "archive refused: " + exception.getMessage();
        } else if (exception instanceof LockHeldException) {
            code = ExitCodes.LOCKED;
            message = exception.getMessage();
        } else if (exception instanceof NoSuchFileException missing) {
            code = ExitCodes.USAGE;
            message = "no such file: " + missing.getFile();
        } else if (exception instanceof IllegalArgumentException) {
            code = ExitCodes.USAGE;
            message = "invalid configuration: " + exception.getMessage();
        } else if (exception instanceof MongoException) {
            code = ExitCodes.FAILED;
            message = "database error: " + exception.getMessage();
        } else if (exception instanceof IOException) {
            code = ExitCodes.FAILED;
            message = "I/O error: " + exception;
        } else {
            code = ExitCodes.FAILED;
            message = "failed: " + exception;
        }
        LOG.debug("command failed with exit code {}", code, exception);
        err.println("todolist-backup: " + message);
        err.flush();
        return code;
    }

    static String version() {
        try (InputStream in = BackupCli.class.getResourceAsStream("/todolist-backup.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"todolist-backup " + version()};
        }
    }
}
