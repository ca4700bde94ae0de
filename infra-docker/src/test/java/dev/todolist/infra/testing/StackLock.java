package dev.todolist.infra.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The machine-wide lock of whole-stack runs: `flock /tmp/todolist-stack.lock`, the same lock the
 * Ansible proofs take, so that two stacks with the same container names never overlap. Held by a
 * `flock` child process for as long as this object lives (and released if the JVM dies).
 */
public final class StackLock implements AutoCloseable {

    private static final String LOCK_FILE = "/tmp/todolist-stack.lock";
    private final Process holder;

    private StackLock(Process holder) {
        this.holder = holder;
    }

    public static StackLock acquire() throws IOException {
        System.out.println("stack proof: waiting for flock " + LOCK_FILE);
        long started = System.nanoTime();
        Process holder = new ProcessBuilder("flock", "-x", "-w", "1200", LOCK_FILE, "sh", "-c", "echo locked; exec cat >/dev/null")
                .redirectErrorStream(true).start();
        BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (!"locked".equals(line)) {
            holder.destroy();
            throw new AssertionError("could not take " + LOCK_FILE + ": " + line);
        }
        System.out.printf("stack proof: holding %s (waited %.1f s)%n", LOCK_FILE, (System.nanoTime() - started) / 1e9);
        return new StackLock(holder);
    }

    @Override
    public void close() throws IOException {
        holder.getOutputStream().close();
        try {
            holder.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            holder.destroy();
        }
    }
}
