package dev.todolist.api.problem;

import dev.todolist.problem.ProblemType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The errors table of docs/api.md says what {@link ProblemType} says: every type once, its status and title. */
class ProblemTypeTableTest {

    /** {@code | 404 | `not-found` (...) | No such resource | when |} */
    private static final Pattern ROW = Pattern.compile("^\\| (\\d{3}|4xx) \\| `([a-z-]+)`[^|]* \\| ([^|]+) \\|.*\\|$");

    @Test
    void theDocumentedErrorsAreExactlyTheProblemTypes() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (String line : Files.readAllLines(apiDocument())) {
            Matcher row = ROW.matcher(line);
            if (row.matches() && documented.put(row.group(2), row.group(1) + " " + row.group(3).strip()) != null) {
                duplicates.add(row.group(2));
            }
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (ProblemType type : ProblemType.values()) {
            // client-error keeps whichever 4xx status the framework chose; its enum status is only a fallback.
            String status = type == ProblemType.CLIENT_ERROR ? "4xx" : Integer.toString(type.status());
            expected.put(type.slug(), status + " " + type.title());
        }
        assertTrue(duplicates.isEmpty(), "listed more than once: " + duplicates);
        assertEquals(expected, documented, "docs/api.md's errors table against ProblemType (status and title)");
    }

    @Test
    void everyProblemTypeHasItsOwnUri() {
        for (ProblemType type : ProblemType.values()) {
            assertEquals("https://todolist.dev/problems/" + type.slug(), type.uri());
        }
    }

    private static Path apiDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs/api.md");
            if (Files.isRegularFile(candidate) && Files.exists(dir.resolve("mvnw"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no docs/api.md at the repository root above " + Path.of("").toAbsolutePath());
    }
}
