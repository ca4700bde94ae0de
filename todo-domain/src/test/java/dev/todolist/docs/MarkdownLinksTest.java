package dev.todolist.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every relative link of the repository's Markdown resolves: the file exists, and a {@code #section}
 * names a heading of it (GitHub's anchor rules). A moved or renamed document breaks the build, not
 * a reader's click.
 */
class MarkdownLinksTest {

    private static final Pattern LINK = Pattern.compile("(?<!!)\\[[^\\]]*]\\(([^)\\s]+)\\)|!\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```");

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "no repository root (mvnw) above the working directory");
        return dir;
    }

    @Test
    void everyRelativeLinkAndSectionResolves() throws IOException {
        Path root = repositoryRoot();
        List<String> broken = new ArrayList<>();
        List<Path> documents = markdownFiles(root);
        assertTrue(documents.size() > 5, "found only " + documents);
        for (Path document : documents) {
            String text = FENCE.matcher(Files.readString(document)).replaceAll("");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1) != null ? link.group(1) : link.group(2);
                String problem = check(document, target);
                if (problem != null) {
                    broken.add(root.relativize(document) + ": (" + target + ") " + problem);
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void aMissingSectionIsCaught() throws IOException {
        Path document = repositoryRoot().resolve("README.md");
        assertEquals("has no section #no-such-section", check(document, "#no-such-section"));
        assertEquals("names a file that does not exist", check(document, "docs/no-such-file.md"));
    }

    private static String check(Path document, String target) throws IOException {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // https:, mailto: ... are not ours to check offline
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return "names a file that does not exist";
        }
        if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
            return "has no section #" + anchor;
        }
        return null;
    }

    /** GitHub's anchors: the heading in lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new HashSet<>();
        Matcher heading = HEADING.matcher(FENCE.matcher(Files.readString(document)).replaceAll(""));
        while (heading.find()) {
            String slug = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = slug + "-" + n;
            }
        }
        return anchors;
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String relative = root.relativize(p).toString();
                        return !relative.contains("target/") && !relative.startsWith(".git/")
                                && !relative.contains("node_modules/") && !relative.startsWith("benchmarks/results/")
                                && !relative.contains("/benchmarks/results/");
                    })
                    .sorted()
                    .toList();
        }
    }
}
