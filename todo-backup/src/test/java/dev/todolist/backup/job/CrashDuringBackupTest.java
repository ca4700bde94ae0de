package dev.todolist.backup.job;

import com.mongodb.client.MongoDatabase;
import dev.todolist.backup.cli.BackupCli;
import dev.todolist.testing.MongoFixture;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A backup process killed with SIGKILL mid-write leaves nothing that looks like a complete archive. */
class CrashDuringBackupTest {

    @TempDir
    Path directory;

    @Test
    void aBackupKilledMidWriteLeavesOnlyAHiddenTemporaryThatTheNextRunRemoves() throws Exception {
        MongoDatabase database = TestDatabases.client().getDatabase(MongoFixture.uniqueDatabase("crash"));
        try {
            seedIncompressible(database, 15_000);
            Process backup = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), BackupCli.class.getName(), "backup", "--no-prune",
                    "--uri", MongoFixture.uri(database.getName()), "--dir", directory.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                waitForPartialArchive(backup);
            } finally {
                backup.destroyForcibly();
                backup.waitFor(30, TimeUnit.SECONDS);
            }

            ArchiveStore store = new ArchiveStore(directory);
            assertEquals(List.of(), store.list(), "no complete-looking archive after the kill");
            assertTrue(names().stream().noneMatch(name -> name.endsWith(".sha256")), names().toString());
            assertTrue(names().stream().anyMatch(name -> name.startsWith(".todolist-") && name.endsWith(".tmp")));

            BackupResult next = TestDatabases.backupJob(database, store).backup(ArchiveKind.MANUAL);
            assertEquals(15_000, ArchiveVerifier.verify(next.archive()).summary().documentCount());
            assertFalse(names().stream().anyMatch(name -> name.endsWith(".tmp")), "the next run removed the leftover");
        } finally {
            database.drop();
        }
    }

    private void waitForPartialArchive(Process backup) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".archive.gz")) {
                        fail("the backup finished before it could be killed: make the database bigger");
                    }
                    if (name.endsWith(".archive.gz.tmp") && Files.size(file) > 256 * 1024) {
                        return;
                    }
                }
            } catch (java.nio.file.NoSuchFileException racing) {
                // a file vanished while listed; look again
            }
            if (!backup.isAlive()) {
                fail("the backup process exited early with " + backup.exitValue());
            }
            Thread.sleep(5);
        }
        fail("no partial archive appeared within 60 s");
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }

    /** Random bytes do not compress, so the archive grows as fast as the dump runs. */
    private static void seedIncompressible(MongoDatabase database, int count) {
        Random random = new Random(42);
        List<BsonDocument> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[1000];
            random.nextBytes(payload);
            batch.add(new BsonDocument("n", new BsonInt32(i)).append("payload", new BsonBinary(payload)));
            if (batch.size() == 1000) {
                database.getCollection("todos", BsonDocument.class).insertMany(batch);
                batch.clear();
            }
        }
    }
}
