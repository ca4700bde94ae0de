package dev.todolist.backup.job;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.todolist.testing.MongoFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore process that dies in the middle of its swap (where no rollback can run) leaves the
 * live data mixed: every later run says so, and the safety archive it names puts it back.
 */
@ExtendWith(BackedUpDatabases.class)
class CrashDuringRestoreTest {

    @Test
    void aRestoreKilledMidSwapIsReportedAndItsSafetyArchivePutsTheDataBack(TestDatabases.BackedUp seeded) throws Exception {
        MongoDatabase live = seeded.database();
        Map<String, Map<String, String>> before = seeded.changeAfterTheBackup();

        Process restore = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DiesAfterTheFirstSwap.class.getName(),
                MongoFixture.connectionString(), live.getName(), seeded.store().directory().toString(), seeded.backup().archive().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(restore.waitFor(120, TimeUnit.SECONDS), "the restore process did not end");
        assertEquals(DiesAfterTheFirstSwap.EXIT, restore.exitValue());

        assertFalse(before.equals(TestDatabases.snapshot(live)), "one collection was swapped, the others not");
        String warning = seeded.store().interruptedRestore().orElseThrow();
        ArchiveFile safety = seeded.store().latest(ArchiveKind.PRE_RESTORE).orElseThrow();
        assertTrue(warning.contains("did not finish") && warning.contains(safety.path().toString()), warning);

        TestDatabases.restoreJob(live.getName(), seeded.store(), RestoreListener.NONE).restore(safety.path(), Optional.empty(), false);

        assertEquals(before, TestDatabases.snapshot(live));
        assertEquals(Optional.empty(), seeded.store().interruptedRestore());
        assertFalse(TestDatabases.hasStaging(live), "the staging collections are dropped");
    }

    /** Restores args[3] into database args[1] and halts the JVM (no shutdown hooks, no rollback) after the first swap. */
    public static final class DiesAfterTheFirstSwap {
        static final int EXIT = 137;

        public static void main(String[] args) throws Exception {
            try (MongoClient client = MongoClients.create(args[0])) {
                TestDatabases.restoreJob(client, args[1], new ArchiveStore(Path.of(args[2])), (step, detail) -> {
                    if (step == RestoreStep.COLLECTION_SWAPPED) {
                        Runtime.getRuntime().halt(EXIT);
                    }
                }).restore(Path.of(args[3]), Optional.empty(), false);
            }
            System.exit(1);
        }
    }
}
