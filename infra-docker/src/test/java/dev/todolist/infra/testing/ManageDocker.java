package dev.todolist.infra.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An unpacked bundle's own manage-docker.sh, run as the stack proofs run it: against podman's
 * socket, with the healthchecks ticked every 2 s (podman without systemd runs none by itself).
 */
public final class ManageDocker {

    private ManageDocker() {
    }

    public static Command.Result run(Path bundle, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(bundle.resolve("manage-docker.sh").toString()));
        command.addAll(List.of(args));
        return Command.run(command, bundle, Map.of("TODOLIST_HEALTH_TICK_SECONDS", "2",
                "DOCKER_HOST", "unix://" + Podman.SOCKET), timeout);
    }
}
