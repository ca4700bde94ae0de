package dev.todolist.api.webapp;

import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The browser app's files, read once from the todo-web jar ({@value #ROOT}): index.html, the
 * content-hashed assets that its build listed in assets.txt, and the Content-Security-Policy they
 * are served with (the same file nginx's policy is checked against). A file not in that list is
 * never served, so no request path reaches the class path.
 */
@Singleton
public class WebAppFiles {

    static final String ROOT = "META-INF/todolist-web/";
    private static final Map<String, MediaType> TYPES = Map.of(
            "js", MediaType.of("text/javascript;charset=utf-8"),
            "css", MediaType.of("text/css;charset=utf-8"),
            "svg", MediaType.of("image/svg+xml"),
            "png", MediaType.IMAGE_PNG_TYPE,
            "ico", MediaType.of("image/x-icon"),
            "woff2", MediaType.of("font/woff2"));

    /** A file's bytes, type and strong validator. */
    public record WebFile(byte[] content, MediaType type, String etag) {
    }

    private final WebFile index;
    private final Map<String, WebFile> assets;
    private final String contentSecurityPolicy;

    public WebAppFiles() {
        this.index = file(read("index.html"), MediaType.of("text/html;charset=utf-8"));
        this.contentSecurityPolicy = new String(read("content-security-policy.txt"), StandardCharsets.UTF_8).strip();
        this.assets = new String(read("assets.txt"), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank())
                .collect(Collectors.toUnmodifiableMap(Function.identity(),
                        name -> file(read("assets/" + name), typeOf(name))));
    }

    public WebFile index() {
        return index;
    }

    public Optional<WebFile> asset(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    /** The policy of every page and asset of the app; nginx sends the same one (a test checks it). */
    public String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    private static MediaType typeOf(String name) {
        MediaType type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            throw new IllegalStateException("todo-web lists an asset of a type the server does not know: " + name);
        }
        return type;
    }

    private static WebFile file(byte[] content, MediaType type) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return new WebFile(content, type, "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = WebAppFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the web app's " + ROOT + name + " is not on the class path (todo-web jar missing?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
