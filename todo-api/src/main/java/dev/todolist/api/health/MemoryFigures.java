package dev.todolist.api.health;

import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The process's memory in bytes, named after Node's {@code process.memoryUsage()} that the plan's
 * health answer came from, plus the JVM's own limits.
 *
 * @param rss         resident set size of the whole process (from {@code /proc}; absent where
 *                    there is no {@code /proc})
 * @param heapUsed    heap in use
 * @param heapTotal   heap committed by the JVM
 * @param heapMax     the heap's upper bound ({@code -Xmx} or the container-derived default)
 * @param nonHeapUsed metaspace, code cache and other non-heap pools in use
 */
@Serdeable
public record MemoryFigures(Long rss, long heapUsed, long heapTotal, long heapMax, long nonHeapUsed) {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    static MemoryFigures current() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        return new MemoryFigures(
                residentSetSize().orElse(null),
                memory.getHeapMemoryUsage().getUsed(),
                memory.getHeapMemoryUsage().getCommitted(),
                memory.getHeapMemoryUsage().getMax(),
                memory.getNonHeapMemoryUsage().getUsed());
    }

    private static Optional<Long> residentSetSize() {
        try {
            return Files.readAllLines(PROC_STATUS).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
