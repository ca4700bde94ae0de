package dev.todolist.backup.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job's retention defaults are the stack's: the Compose bundle's rules/retention.env, which
 * manage-docker.sh hands to the job and the Ansible role defers to, is the one source; the job's
 * own defaults (used when the variables are blank) must say the same.
 */
class RetentionDefaultsTest {

    private static final Path RULES = Path.of("..", "infra-docker", "src", "main", "bundle", "rules", "retention.env");
    private static final Pattern HELP_DEFAULT = Pattern.compile("env\\s+(BACKUP_KEEP_\\w+);\\s+default:\\s+(\\d+)");

    @Test
    void theJobsDefaultsAreTheBundlesRetentionRules() throws IOException {
        assertTrue(Files.isRegularFile(RULES), "the bundle's retention rules at " + RULES.toAbsolutePath());
        Properties rules = new Properties();
        try (Reader reader = Files.newBufferedReader(RULES)) {
            rules.load(reader);
        }
        Map<String, String> expected = new TreeMap<>();
        rules.stringPropertyNames().forEach(name -> expected.put(name, rules.getProperty(name).trim()));

        StringWriter out = new StringWriter();
        int code = BackupCli.execute(new String[] {"prune", "--help"}, Map.of(), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(0, code, out.toString());
        Map<String, String> documented = new TreeMap<>();
        Matcher matcher = HELP_DEFAULT.matcher(out.toString());
        while (matcher.find()) {
            documented.put(matcher.group(1), matcher.group(2));
        }
        assertEquals(expected, documented, "prune --help:\n" + out);
    }
}
