package dev.todolist.backup.cli;

import com.mongodb.client.MongoDatabase;
import dev.todolist.backup.archive.Fixtures;
import dev.todolist.backup.job.TestArchives;
import dev.todolist.backup.logging.CapturedLog;
import dev.todolist.backup.lock.BackupLock;
import dev.todolist.testing.MongoFixture;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a scheduler or script sees it: exit codes, stdout, stderr. */
class BackupCliTest {

    @TempDir
    Path directory;

    private MongoDatabase seeded() {
        return CliRun.seeded("cli", "one", "two");
    }

    @Test
    void verifyOfTheBadFormatFixtureExitsFourNamingTheProblem() throws Exception {
        Path archive = Files.write(directory.resolve("bad-format.archive"), Fixtures.bytes("bad-format.archive"));
        CliRun run = CliRun.of(Map.of(), "verify", archive.toString());
        assertEquals(ExitCodes.INVALID_ARCHIVE, run.exitCode());
        assertTrue(run.err().startsWith("todolist-backup: archive refused: invalid metadata for namespace test.ixtest:"
                + " not valid Extended JSON"), run.err());
    }

    @Test
    void verifyOfAMongodumpFixtureExitsZeroListingItsNamespaces() throws Exception {
        Path archive = Files.write(directory.resolve("dump-w-oplog.archive"), Fixtures.bytes("dump-w-oplog.archive"));
        CliRun run = CliRun.of(Map.of(), "verify", archive.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.out().contains("test.foo"), run.out());
        assertTrue(run.out().contains("no .sha256 file"), run.out());
        assertTrue(run.out().contains("3 namespaces, 44 documents"), run.out());
    }

    @Test
    void verifyOfAMissingFileExitsTwo() {
        CliRun run = CliRun.of(Map.of(), "verify", directory.resolve("nope.archive.gz").toString());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("todolist-backup: no such file: " + directory.resolve("nope.archive.gz") + System.lineSeparator(), run.err());
    }

    @Test
    void anUnknownOptionExitsTwoWithUsage() {
        CliRun run = CliRun.of(Map.of(), "backup", "--frobnicate");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().startsWith("Unknown option: '--frobnicate'"), run.err());
    }

    @Test
    void noCommandExitsTwo() {
        assertEquals(ExitCodes.USAGE, CliRun.of(Map.of()).exitCode());
    }

    /** A setting the job cannot use, from the environment (NAME=value) or a flag, names itself on stderr. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            schedule | BACKUP_CRON=61 2 * * *  |              | todolist-backup: invalid configuration: invalid cron expression "61 2 * * *"
            prune    | BACKUP_KEEP_LAST=seven  |              | Invalid value for option '--keep-last': 'seven' is not an int
            prune    |                         | --keep-last -1 | todolist-backup: invalid configuration: retention counts cannot be negative
            """)
    void anUnusableSettingExitsTwoNamingIt(String command, String variable, String flag, String error) {
        Map<String, String> environment = new HashMap<>(Map.of("BACKUP_DIR", directory.toString()));
        if (variable != null) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        List<String> args = new ArrayList<>(List.of(command));
        if (flag != null) {
            args.addAll(List.of(flag.split(" ")));
        }
        CliRun run = CliRun.of(environment, args.toArray(String[]::new));
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertTrue(run.err().startsWith(error), run.err());
    }

    @Test
    void anInvalidUriExitsTwoWithoutPrintingIt() {
        CliRun run = CliRun.of(Map.of("MONGODB_URI", "mongodb://user:s3cret@", "BACKUP_DIR", directory.toString()), "backup");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertFalse(run.err().contains("s3cret"), run.err());
        assertTrue(run.err().contains("not a valid MongoDB connection string"), run.err());
    }

    @Test
    void backupWhileAnotherRunHoldsTheLockExitsThree() throws Exception {
        MongoDatabase database = seeded();
        try (BackupLock ignored = BackupLock.acquire(directory, "restore")) {
            CliRun run = CliRun.of(database, directory, "backup");
            assertEquals(ExitCodes.LOCKED, run.exitCode());
            assertTrue(run.err().startsWith("todolist-backup: another backup, restore or prune is running on " + directory),
                    run.err());
        }
    }

    @Test
    void backupListVerifyAndRestoreWorkFromTheEnvironmentAlone() throws Exception {
        MongoDatabase database = seeded();
        Map<String, String> environment = CliRun.environment(database, directory);

        CliRun backup = CliRun.of(environment, "backup");
        assertEquals(ExitCodes.OK, backup.exitCode(), backup.err());
        Path archive = Path.of(backup.out().strip());
        assertTrue(Files.exists(archive));

        CliRun list = CliRun.of(environment, "list");
        assertTrue(list.out().contains(archive.getFileName() + " "), list.out());
        assertTrue(list.out().contains("1 archive(s)"), list.out());

        assertEquals(ExitCodes.OK, CliRun.of(environment, "verify", archive.toString()).exitCode());

        database.getCollection("todos").insertOne(new Document("title", "three"));
        CliRun dryRun = CliRun.of(environment, "restore", "--dry-run", archive.toString());
        assertEquals(ExitCodes.OK, dryRun.exitCode(), dryRun.err());
        assertTrue(dryRun.out().contains("dry run, nothing changed"), dryRun.out());
        assertTrue(dryRun.out().contains("would restore " + database.getName() + ".todos -> " + database.getName()
                + ".todos: 2 documents"), dryRun.out());
        assertEquals(3, database.getCollection("todos").countDocuments());

        CliRun restore = CliRun.of(environment, "restore", archive.toString());
        assertEquals(ExitCodes.OK, restore.exitCode(), restore.err());
        assertEquals(2, database.getCollection("todos").countDocuments());
    }

    @Test
    void restoreOfATruncatedArchiveExitsFourAndChangesNothing() throws Exception {
        MongoDatabase database = seeded();
        Map<String, String> environment = CliRun.environment(database, directory);
        Path archive = Path.of(CliRun.of(environment, "backup").out().strip());
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length - 10));
        database.getCollection("todos").insertOne(new Document("title", "three"));

        CliRun restore = CliRun.of(environment, "restore", archive.toString());

        assertEquals(ExitCodes.INVALID_ARCHIVE, restore.exitCode());
        assertTrue(restore.err().startsWith("todolist-backup: archive refused: SHA-256 mismatch"), restore.err());
        assertEquals(3, database.getCollection("todos").countDocuments());
    }

    @Test
    void aFlagOverridesTheEnvironment() throws Exception {
        Path other = Files.createDirectory(directory.resolve("other"));
        CliRun list = CliRun.of(Map.of("BACKUP_DIR", directory.resolve("unused").toString()), "list", "--dir", other.toString());
        assertEquals(ExitCodes.OK, list.exitCode());
        assertTrue(list.out().contains("0 archive(s) in " + other), list.out());
    }

    @Test
    void backupOfAnUnreachableDatabaseExitsOneWithOneFailureLogLine() {
        Map<String, String> environment = Map.of("MONGODB_URI", "mongodb://127.0.0.1:1/todolist?serverSelectionTimeoutMS=300",
                "BACKUP_DIR", directory.toString());
        try (CapturedLog log = CapturedLog.of(BackupCommand.class)) {
            CliRun run = CliRun.of(environment, "backup");

            assertEquals(ExitCodes.FAILED, run.exitCode());
            assertTrue(run.err().startsWith("todolist-backup: database error: Timed out"), run.err());
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertTrue(log.lines().get(0).matches("backup failed duration_ms=\\d+ error=\"Timed out .*\"(?s).*"),
                    log.lines().get(0));
        }
    }

    @Test
    void aBackupLogsOneLineWithItsDurationSizeAndCounts() {
        MongoDatabase database = seeded();
        try (CapturedLog log = CapturedLog.of(BackupCommand.class)) {
            CliRun run = CliRun.of(database, directory, "backup", "--no-prune");

            assertEquals(ExitCodes.OK, run.exitCode(), run.err());
            assertEquals(1, log.lines().size(), log.lines().toString());
            assertTrue(log.lines().get(0).matches("backup ok archive=todolist-\\d{8}T\\d{6}Z\\.archive\\.gz duration_ms=\\d+"
                    + " size_bytes=[1-9]\\d* uncompressed_bytes=[1-9]\\d* collections=1 documents=2 mb_per_s=[\\d.]+"),
                    log.lines().get(0));
        }
    }

    @Test
    void restoreFailingInStagingExitsFiveAndLeavesTheLiveData() throws Exception {
        MongoDatabase database = seeded();
        Path archive = TestArchives.write(directory.resolve("duplicates.archive.gz"), "app",
                TestArchives.Entry.collection("todos", "{}",
                        List.of(BsonDocument.parse("{_id: 1, email: 'a@example.org'}"),
                                BsonDocument.parse("{_id: 2, email: 'a@example.org'}")),
                        "{v: 2, key: {email: 1}, name: 'email_1', unique: true}"));

        CliRun restore = CliRun.of(database, directory, "restore", archive.toString());

        assertEquals(ExitCodes.RESTORE_FAILED_DATA_INTACT, restore.exitCode(), restore.err());
        assertTrue(restore.err().startsWith("todolist-backup: restore failed: restore into the staging collections failed,"
                + " the live collections of " + database.getName() + " were not changed:"), restore.err());
        assertTrue(restore.err().contains("E11000 duplicate key"), restore.err());
        assertEquals(List.of("one", "two"), database.getCollection("todos").find().map(d -> d.getString("title")).into(new ArrayList<>()));
    }

    @Test
    void restoreOfATimeseriesArchiveExitsTwoUnlessTheyAreSkipped() throws Exception {
        MongoDatabase database = seeded();
        Path archive = Files.write(directory.resolve("timeseries.archive"), Fixtures.bytes("timeseries_tests_dump.archive"));

        CliRun refused = CliRun.of(database, directory, "restore", archive.toString());
        assertEquals(ExitCodes.USAGE, refused.exitCode(), refused.err());
        assertTrue(refused.err().startsWith("todolist-backup: cannot restore as asked: the archive's database"
                + " timeseries_test holds time-series collection(s) [foo_ts]"), refused.err());
        assertEquals(2, database.getCollection("todos").countDocuments());

        CliRun skipped = CliRun.of(database, directory, "restore", "--skip-timeseries", "--yes", archive.toString());
        assertEquals(ExitCodes.OK, skipped.exitCode(), skipped.err());
        assertTrue(skipped.out().contains("skipped timeseries_test.foo_ts (10 documents): a time-series collection"),
                skipped.out());
        assertTrue(skipped.out().contains("drop " + database.getName() + ".todos (not in the archive)"), skipped.out());
    }

    @Test
    void aBackupAppliesTheRetentionAndPrintsOnlyItsArchivesPath() {
        Map<String, String> environment = new HashMap<>(CliRun.environment(seeded(), directory));
        environment.putAll(Map.of("BACKUP_KEEP_LAST", "1", "BACKUP_KEEP_DAILY", "0", "BACKUP_KEEP_WEEKLY", "0"));
        Path first = Path.of(CliRun.of(environment, "backup").out().strip());
        try (CapturedLog log = CapturedLog.of(dev.todolist.backup.retention.Pruner.class)) {
            CliRun second = CliRun.of(environment, "backup");

            assertEquals(ExitCodes.OK, second.exitCode(), second.err());
            assertTrue(second.out().matches(java.util.regex.Pattern.quote(directory.toString())
                    + "/todolist-\\d{8}T\\d{6}Z(-2)?\\.archive\\.gz\\R"), second.out());
            assertEquals(List.of("prune ok policy=\"keep last 1, daily 0, weekly 0\" kept=1 deleted=1 (" + first.getFileName() + ")"),
                    log.lines());
        }
        assertFalse(Files.exists(first));
        assertTrue(CliRun.of(environment, "list").out().contains("1 archive(s)"));
    }

    /** Runs the CLI in a child JVM on a pseudo-terminal (util-linux script), typing {@code typed}. */
    private CliRun onATerminal(String typed, String... args) throws Exception {
        StringBuilder command = new StringBuilder("'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -cp '"
                + System.getProperty("java.class.path") + "' " + BackupCli.class.getName());
        for (String arg : args) {
            command.append(" '").append(arg).append("'");
        }
        Process process = new ProcessBuilder("script", "-qec", command.toString(), "/dev/null")
                .redirectErrorStream(true).start();
        process.getOutputStream().write(typed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), output);
        return new CliRun(process.exitValue(), output, output);
    }

    @Test
    void onATerminalARestoreAsksFirstAndAnythingButYesCancelsIt() throws Exception {
        MongoDatabase database = seeded();
        Path archive = Path.of(CliRun.of(database, directory, "backup").out().strip());
        database.getCollection("todos").insertOne(new Document("title", "three"));
        String[] restore = {"restore", "--uri", MongoFixture.uri(database.getName()), "--dir", directory.toString(),
                archive.toString()};

        CliRun cancelled = onATerminal("no\n", restore);
        assertEquals(ExitCodes.FAILED, cancelled.exitCode(), cancelled.out());
        assertTrue(cancelled.out().contains("Replace the whole content of database " + database.getName() + " by "
                + archive + " (a safety backup is taken first)? Type yes to go on:"), cancelled.out());
        assertTrue(cancelled.out().contains("todolist-backup: restore cancelled, nothing was changed"), cancelled.out());
        assertEquals(3, database.getCollection("todos").countDocuments());

        CliRun confirmed = onATerminal("yes\n", restore);
        assertEquals(ExitCodes.OK, confirmed.exitCode(), confirmed.out());
        assertEquals(2, database.getCollection("todos").countDocuments());
    }
}
