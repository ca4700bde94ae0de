package dev.todolist.backup.cli;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The exit codes are written in three places for three readers; this keeps them the same set. */
class ExitCodesDocumentedTest {

    private static TreeSet<Integer> codesIn(String text, Pattern row) {
        TreeSet<Integer> codes = new TreeSet<>();
        Matcher matcher = row.matcher(text);
        while (matcher.find()) {
            codes.add(Integer.parseInt(matcher.group(1)));
        }
        return codes;
    }

    @Test
    void theReadmeTableAndTheHelpListEveryExitCodeOfTheCode() throws Exception {
        TreeSet<Integer> inCode = new TreeSet<>();
        for (Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                inCode.add(field.getInt(null));
            }
        }
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Exit codes"), readme.indexOf("\n## ", readme.indexOf("## Exit codes") + 1));
        String help = CliRun.of(Map.of(), "--help").out();

        assertEquals(inCode, codesIn(table, Pattern.compile("(?m)^\\| (\\d+) \\|")));
        assertEquals(inCode, codesIn(help.substring(help.indexOf("Exit codes:")), Pattern.compile("(?m)^\\s+(\\d+)\\s+\\S")));
    }
}
