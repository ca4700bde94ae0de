package dev.todolist.infra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The packaged bundle (infra-docker-VERSION.tar.gz), unpacked fresh for a test, as an operator would. */
public final class Bundle {

    private Bundle() {
    }

    public static Path archive() {
        Path archive = Path.of(System.getProperty("todolist.bundle", "target/infra-docker.tar.gz"));
        if (!Files.isRegularFile(archive)) {
            throw new AssertionError("no bundle at " + archive + ": run through `mvn verify` (failsafe, after package)");
        }
        return archive;
    }

    public static String version() {
        return System.getProperty("todolist.version", "0.1.0-SNAPSHOT");
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("todolist.root", "..")).toAbsolutePath().normalize();
    }

    /** Unpacks the bundle under target/NAME (emptied first) and returns its top directory. */
    public static Path unpack(String name) {
        Path target = Path.of("target", name).toAbsolutePath();
        deleteRecursively(target);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Command.run(List.of("tar", "-xzf", archive().toString(), "-C", target.toString()), Duration.ofMinutes(1))
                .assertSuccess("unpacking the bundle");
        return target.resolve("infra-docker-" + version());
    }

    public static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
