package dev.todolist.infra;

import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.infra.testing.Podman;
import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pinning the stack's images by digest: every image reference of docker-compose.yml can be set in
 * .env ({@code <REPOSITORY>_IMAGE}), and {@code manage-docker.sh images digests} prints the lines.
 * (The stack proof StackOperationsIT runs the app from such a pin.)
 */
class ImagePinsIT {

    private static final Pattern IMAGE = Pattern.compile("(?m)^\\s+image:\\s+(.*)$");
    private static final Pattern PINNABLE = Pattern.compile("\\$\\{([A-Z_]+)_IMAGE:-(?:[^/}]+/)*([a-z0-9-]+)(?::[^}]+)?\\}");
    private Path bundle;

    @BeforeEach
    void unpack() {
        bundle = Bundle.unpack("image-pins-it");
    }

    @Test
    void everyImageOfTheStackIsAVariableNamedAfterItsRepository() throws IOException {
        Matcher image = IMAGE.matcher(Files.readString(bundle.resolve("docker-compose.yml")));
        int count = 0;
        String example = Files.readString(bundle.resolve(".env.example"));
        while (image.find()) {
            count++;
            Matcher pinnable = PINNABLE.matcher(image.group(1));
            assertTrue(pinnable.matches(), "not ${<REPOSITORY>_IMAGE:-default}: " + image.group(1));
            assertEquals(pinnable.group(2).toUpperCase(Locale.ROOT).replace('-', '_'), pinnable.group(1), image.group(1));
            assertTrue(example.contains("#" + pinnable.group(1) + "_IMAGE="), pinnable.group(1) + "_IMAGE is not in .env.example");
        }
        assertEquals(6, count, "the six services' images");
    }

    @Test
    @Needs(Prerequisite.DOCKER_COMPOSE)
    void aDigestInDotEnvIsTheReferenceComposeUses() throws IOException {
        String pinned = "localhost/todolist-api@sha256:" + "4c0ba894811fafb1efd742150c7d888782c7053abf587cc88c5de4a09c7bb886";
        Files.writeString(bundle.resolve(".env"), Files.readString(bundle.resolve(".env.example"))
                + "\nTODOLIST_API_IMAGE=" + pinned + "\nNGINX_IMAGE=nginx:1.28@sha256:" + "0".repeat(64) + "\n");

        String config = Command.run(List.of("docker-compose", "config"), bundle, Map.of(), Duration.ofMinutes(1))
                .assertSuccess("docker-compose config").output();

        assertTrue(config.contains("image: " + pinned), config);
        assertTrue(config.contains("image: nginx:1.28@sha256:" + "0".repeat(64)), config);
        assertTrue(config.contains("image: localhost/todolist-backup:" + Bundle.version()), "the others keep the release's tag");
    }

    @Test
    @Needs(Prerequisite.PODMAN)
    void imagesDigestsPrintsTheEnvLinesThatPinWhatTheEngineHas() throws IOException {
        String image = "localhost/todolist-jre:17";
        // A pinned image the engine has (a base image of this machine), one it has not, and the release's tags.
        Files.writeString(bundle.resolve(".env"), "MONGO_IMAGE=" + image + "\nNGINX_IMAGE=localhost/no-such-image:1\n");

        Command.Result digests = Command.run(List.of(bundle.resolve("manage-docker.sh").toString(), "images", "digests"), bundle,
                Map.of("DOCKER_HOST", "unix://" + Podman.SOCKET), Duration.ofMinutes(1)).assertSuccess("images digests");

        String digest = Podman.podman("image", "inspect", "--format", "{{.Digest}}", image).output().trim();
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        assertTrue(digests.output().lines().anyMatch(("MONGO_IMAGE=localhost/todolist-jre@" + digest)::equals), digests.output());
        assertTrue(digests.output().contains("# NGINX_IMAGE: localhost/no-such-image:1 is not in "), digests.output());
    }
}
