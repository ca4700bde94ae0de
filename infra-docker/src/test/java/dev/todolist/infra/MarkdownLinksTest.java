package dev.todolist.infra;

import dev.todolist.infra.testing.Bundle;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every relative link of the repository's Markdown resolves: the file exists, and a #section names
 * a heading of it (GitHub's anchors). Links to the web are not followed.
 */
class MarkdownLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "node_modules", ".mvn");

    @Test
    void everyRelativeLinkAndSectionResolves() throws IOException {
        Path root = Bundle.projectRoot();
        List<String> broken = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> Stream.of(root.relativize(p).toString().split("/")).noneMatch(SKIPPED_DIRECTORIES::contains))
                    .toList()) {
                Matcher link = LINK.matcher(FENCE.matcher(Files.readString(file)).replaceAll(""));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                        continue; // https:, mailto: ...
                    }
                    String problem = problem(file, target);
                    if (problem != null) {
                        broken.add(root.relativize(file) + ": (" + target + ") " + problem);
                    }
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken Markdown links:\n" + String.join("\n", broken));
    }

    @Test
    void aBrokenLinkOrSectionIsNamed() {
        Path readme = Bundle.projectRoot().resolve("README.md");
        assertEquals("no section #no-such-section", problem(readme, "#no-such-section"));
        assertEquals("no such file", problem(readme, "docs/no-such-file.md"));
        assertEquals(null, problem(readme, "docs/api.md"));
    }

    private static String problem(Path file, String target) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (hash < 0 || Files.isDirectory(resolved) || !resolved.toString().endsWith(".md")) {
            return null;
        }
        String anchor = target.substring(hash + 1);
        return anchors(resolved).contains(anchor) ? null : "no section #" + anchor;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes, -1, -2 for repeats. */
    static Set<String> anchors(Path markdown) {
        String text;
        try {
            text = FENCE.matcher(Files.readString(markdown)).replaceAll("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> slugs = new ArrayList<>();
        Matcher heading = HEADING.matcher(text);
        while (heading.find()) {
            String slug = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int n = 1; slugs.contains(unique); n++) {
                unique = slug + "-" + n;
            }
            slugs.add(unique);
        }
        return slugs.stream().collect(Collectors.toSet());
    }
}
