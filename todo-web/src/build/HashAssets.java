import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The web app's build step (run by todo-web's pom with Java's source launcher, so no Node
 * toolchain): copies {@code SOURCE/index.html} and {@code SOURCE/assets/*} to {@code TARGET},
 * each asset renamed {@code name.<10 hex of SHA-256>.ext} after its content, references rewritten.
 *
 * <p>An asset's hash covers the hashed names it refers to, so a change in any module changes the
 * name of every module that imports it, up to index.html: a browser holding year-long cached
 * files never mixes an old module with a new one. Modules import each other by relative name
 * ({@code from './api.js'}), rewritten here; no import map is needed (an inline one would need a
 * CSP exception). index.html also gets a {@code modulepreload} link per module, so the browser
 * fetches them all at once instead of discovering imports one level at a time.
 *
 * <p>Writes {@code TARGET/assets.txt}: the hashed names, one a line, which the server serves.
 * Exits 1 with a message on an import cycle or a reference to a missing asset.
 */
public class HashAssets {

    /** A reference to a sibling asset: './x.js' in a module, url(x.svg) in CSS, "x.css" in index.html. */
    private static final Pattern REFERENCE = Pattern.compile("(?<=['\"(])(?:\\./)?([A-Za-z0-9_-]+\\.(?:js|css|svg|png|ico|woff2))(?=['\")])");
    private static final String PRELOAD_MARKER = "<!-- modulepreload -->";

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java HashAssets.java SOURCE_DIR TARGET_DIR");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]), Path.of(args[1]));
        } catch (IllegalStateException e) {
            System.err.println("HashAssets: " + e.getMessage());
            System.exit(1);
        }
    }

    static void run(Path source, Path target) throws IOException {
        deleteRecursively(target.resolve("assets")); // a previous build's hashed names must not linger in the jar
        Map<String, byte[]> assets = new TreeMap<>();
        try (Stream<Path> files = Files.list(source.resolve("assets"))) {
            for (Path file : files.sorted().toList()) {
                assets.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        Map<String, String> hashed = new LinkedHashMap<>();
        for (String name : dependencyOrder(assets)) {
            byte[] content = isText(name) ? rewrite(name, text(assets.get(name)), hashed).getBytes(StandardCharsets.UTF_8)
                    : assets.get(name);
            hashed.put(name, hashedName(name, content));
            write(target.resolve("assets").resolve(hashed.get(name)), content);
        }
        String index = rewrite("index.html", Files.readString(source.resolve("index.html")), withPrefix(hashed));
        if (!index.contains(PRELOAD_MARKER)) {
            throw new IllegalStateException("index.html has no " + PRELOAD_MARKER + " line");
        }
        String preloads = hashed.entrySet().stream().filter(e -> e.getKey().endsWith(".js"))
                .map(e -> "<link rel=\"modulepreload\" href=\"assets/" + e.getValue() + "\">")
                .collect(Collectors.joining("\n  "));
        write(target.resolve("index.html"), index.replace(PRELOAD_MARKER, preloads).getBytes(StandardCharsets.UTF_8));
        write(target.resolve("assets.txt"), (String.join("\n", hashed.values()) + "\n").getBytes(StandardCharsets.UTF_8));
        System.out.println("HashAssets: " + hashed.size() + " assets hashed into " + target);
    }

    /** Every asset after the assets it refers to; an import cycle is an error (its hashes could not be made). */
    private static List<String> dependencyOrder(Map<String, byte[]> assets) {
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : assets.keySet()) {
            visit(name, assets, visiting, order);
        }
        return order;
    }

    private static void visit(String name, Map<String, byte[]> assets, Set<String> visiting, List<String> order) {
        if (order.contains(name)) {
            return;
        }
        if (!visiting.add(name)) {
            throw new IllegalStateException("import cycle: " + String.join(" -> ", visiting) + " -> " + name);
        }
        if (isText(name)) {
            for (String reference : references(text(assets.get(name)))) {
                if (!assets.containsKey(reference)) {
                    throw new IllegalStateException(name + " refers to " + reference + ", which is not in assets/");
                }
                visit(reference, assets, visiting, order);
            }
        }
        visiting.remove(name);
        order.add(name);
    }

    private static Set<String> references(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String rewrite(String file, String text, Map<String, String> replacements) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = replacements.get(matcher.group(1));
            if (replacement == null) {
                throw new IllegalStateException(file + " refers to " + matcher.group(1) + ", which is not in assets/");
            }
            String prefix = matcher.group().startsWith("./") ? "./" : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(prefix + replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> withPrefix(Map<String, String> hashed) {
        Map<String, String> prefixed = new LinkedHashMap<>();
        hashed.forEach((name, hashedName) -> prefixed.put(name, "assets/" + hashedName));
        return prefixed;
    }

    private static String hashedName(String name, byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            int dot = name.lastIndexOf('.');
            return name.substring(0, dot) + "." + HexFormat.of().formatHex(digest).substring(0, 10) + name.substring(dot);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isText(String name) {
        return name.endsWith(".js") || name.endsWith(".css") || name.endsWith(".svg");
    }

    private static String text(byte[] content) {
        return new String(content, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
