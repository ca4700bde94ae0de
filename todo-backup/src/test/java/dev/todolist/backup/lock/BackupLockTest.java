package dev.todolist.backup.lock;

import dev.todolist.backup.cli.BackupCli;
import dev.todolist.backup.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackupLockTest {

    @TempDir
    Path directory;

    @Test
    void aSecondRunInTheSameProcessIsRefusedUntilTheFirstEnds() throws Exception {
        try (BackupLock first = BackupLock.acquire(directory, "backup")) {
            LockHeldException refused = assertThrows(LockHeldException.class, () -> BackupLock.acquire(directory, "prune"));
            assertTrue(refused.getMessage().contains("pid=" + ProcessHandle.current().pid() + " purpose=backup"),
                    refused.getMessage());
        }
        BackupLock.acquire(directory, "again").close();
    }

    @Test
    void aRunInAnotherProcessIsRefusedAndItsDeathReleasesTheLock() throws Exception {
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), directory.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", output.readLine());
            LockHeldException refused = assertThrows(LockHeldException.class, () -> BackupLock.acquire(directory, "backup"));
            assertTrue(refused.getMessage().contains("pid=" + holder.pid()), refused.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        BackupLock.acquire(directory, "after the holder was killed").close();
    }

    @Test
    void aBackupProcessStartedWhileThisProcessHoldsTheLockExitsThreeAtOnce() throws Exception {
        try (BackupLock ignored = BackupLock.acquire(directory, "restore")) {
            Process backup = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), BackupCli.class.getName(), "backup",
                    "--uri", "mongodb://127.0.0.1:1/todolist", "--dir", directory.toString())
                    .redirectErrorStream(true).start();
            String output = new String(backup.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(backup.waitFor(60, TimeUnit.SECONDS));
            assertEquals(ExitCodes.LOCKED, backup.exitValue(), output);
            assertTrue(output.contains("todolist-backup: another backup, restore or prune is running on " + directory
                    + " (pid=" + ProcessHandle.current().pid() + " purpose=restore"), output);
        }
    }

    /** Holds the lock of the directory given as argument until killed. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            BackupLock lock = BackupLock.acquire(Path.of(args[0]), "holder");
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            lock.close();
        }
    }

    @Test
    void lockFileIsTheOnlyFileItLeaves() throws Exception {
        BackupLock.acquire(directory, "backup").close();
        assertEquals(List.of(BackupLock.FILE_NAME),
                java.nio.file.Files.list(directory).map(path -> path.getFileName().toString()).toList());
    }
}
