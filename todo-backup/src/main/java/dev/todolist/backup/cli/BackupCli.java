package dev.todolist.backup.cli;

import com.mongodb.MongoException;
import dev.todolist.backup.archive.ArchiveFormatException;
import dev.todolist.backup.fs.UnsafeFileException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                "6:restore failed and the safety backup could not be put back",
                "7:a file the job writes in the backup directory is a link; nothing was written through it"})
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

    /** A kind of failure: its exit code and how its one line starts; the first that matches is used. */
    private record Outcome(Class<? extends Exception> type, int code, String prefix) {
    }

    private static final List<Outcome> OUTCOMES = List.of(
            new Outcome(RestorePlan.PlanException.class, ExitCodes.USAGE, "cannot restore as asked: "),
            new Outcome(ArchiveFormatException.class, ExitCodes.INVALID_ARCHIVE, "archive refused: "),
            new Outcome(LockHeldException.class, ExitCodes.LOCKED, ""),
            new Outcome(UnsafeFileException.class, ExitCodes.UNSAFE_FILE, "refused: "),
            new Outcome(IllegalArgumentException.class, ExitCodes.USAGE, "invalid configuration: "),
            new Outcome(MongoException.class, ExitCodes.FAILED, "database error: "));

    private static int handle(Exception exception, PrintWriter err) {
        int code = ExitCodes.FAILED;
        String message;
        Optional<Outcome> outcome = OUTCOMES.stream().filter(known -> known.type().isInstance(exception)).findFirst();
        if (exception instanceof RestoreFailedException failed) {
            code = failed.liveDataIntact() ? ExitCodes.RESTORE_FAILED_DATA_INTACT : ExitCodes.RESTORE_FAILED_DATA_CHANGED;
            message = "restore failed: " + failed.getMessage();
        } else if (exception instanceof NoSuchFileException missing) {
            code = ExitCodes.USAGE;
            message = "no such file: " + missing.getFile();
        } else if (outcome.isPresent()) {
            code = outcome.get().code();
            message = outcome.get().prefix() + exception.getMessage();
        } else {
            message = (exception instanceof IOException ? "I/O error: " : "failed: ") + exception;
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
