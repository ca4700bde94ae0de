package dev.todolist.monitor;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The runbook's table of the monitor's variables lists exactly those its code reads. */
class MonitorSettingsTableTest {

    private static final Pattern READ = Pattern.compile("\"((?:MONITOR|ALERT)_[A-Z_]+)\"");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `((?:MONITOR|ALERT)_[A-Z_]+)` \\|");

    @Test
    void theRunbooksTableListsEveryVariableTheMonitorReads() throws IOException {
        Set<String> read = new TreeSet<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/dev/todolist/monitor"))) {
            for (Path source : sources.toList()) {
                Matcher name = READ.matcher(Files.readString(source));
                while (name.find()) {
                    read.add(name.group(1));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertFalse(read.isEmpty(), "the scan must find the variables");
        assertEquals(read, documented, "README.md, Monitoring and alerts");
    }
}
