package dev.todolist.infra.testing;

import dev.todolist.testing.Prerequisite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The engine of these machines, as the stack proofs need it: podman's CLI and its Docker-API socket. */
public final class Podman {

    /** podman's Docker-API socket, the one the prerequisite check found answering. */
    public static final String SOCKET = Prerequisite.podmanSocket();

    private Podman() {
    }

    public static boolean hasImage(String image) {
        return Command.run(List.of("podman", "image", "exists", image), Duration.ofSeconds(30)).exitCode() == 0;
    }

    public static Command.Result podman(String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return Command.run(command, Duration.ofMinutes(2));
    }

    public static String inspect(String container, String format) {
        return podman("inspect", "--format", format, container).assertSuccess("podman inspect " + container).output().trim();
    }

    /** An HTTP GET from inside CONTAINER with bash's /dev/tcp (the images carry no curl): the whole answer. */
    public static String httpGetInside(String container, int port, String path) {
        String script = "exec 3<>/dev/tcp/127.0.0.1/" + port + " && printf 'GET " + path
                + " HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && cat <&3";
        return podman("exec", container, "bash", "-c", script).assertSuccess("GET " + path + " in " + container).output();
    }
}
