package dev.todolist.infra;

import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The systemd units `manage-docker.sh systemd install` writes for a podman host (no Docker daemon
 * restarts anything there): the stack at boot, its healthchecks and a nightly backup on timers.
 * Written into a directory of the test's (TODOLIST_SYSTEMD_DIR) and checked statically, and by
 * {@code systemd-analyze verify} where it is installed. Nothing is enabled or started.
 */
class SystemdUnitsIT {

    private Path bundle;
    private Path units;

    @BeforeEach
    void unpack() throws IOException {
        bundle = Bundle.unpack("systemd-units-it");
        Files.writeString(bundle.resolve(".env"), "COMPOSE_PROJECT_NAME=shop-stack\n");
        units = bundle.resolve("units");
    }

    /** As on a podman host: its Docker-API socket, Debian's docker-compose (named, not run). */
    private Command.Result manage(String dockerHost, String... args) {
        List<String> command = new ArrayList<>(List.of(bundle.resolve("manage-docker.sh").toString()));
        command.addAll(List.of(args));
        return Command.run(command, bundle, Map.of("TODOLIST_COMPOSE", "docker-compose", "DOCKER_HOST", dockerHost,
                "TODOLIST_SYSTEMD_DIR", units.toString()), Duration.ofMinutes(1));
    }

    private List<Path> unitFiles() throws IOException {
        try (Stream<Path> files = Files.list(units)) {
            return files.sorted().toList();
        }
    }

    @Test
    void installWritesTheStackTheBackupAndTheHealthcheckUnitsNamedAfterTheProject() throws IOException {
        Command.Result install = manage("unix:///run/podman/podman.sock", "systemd", "install").assertSuccess("systemd install");

        assertEquals(List.of("shop-stack-backup.service", "shop-stack-backup.timer", "shop-stack-healthchecks.service",
                "shop-stack-healthchecks.timer", "shop-stack.service"), unitFiles().stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(install.output().contains("systemctl enable --now podman.socket shop-stack.service shop-stack-backup.timer"
                + " shop-stack-healthchecks.timer"), install.output());
        String stack = Files.readString(units.resolve("shop-stack.service"));
        String script = bundle.resolve("manage-docker.sh").toString();
        for (String line : List.of("Requires=podman.socket", "Type=oneshot", "RemainAfterExit=yes", "ExecStart=" + script + " start",
                "ExecStop=" + script + " stop", "WorkingDirectory=" + bundle,
                "Environment=\"TODOLIST_COMPOSE=docker-compose\" \"DOCKER_HOST=unix:///run/podman/podman.sock\"",
                "WantedBy=multi-user.target")) {
            assertTrue(stack.lines().anyMatch(line::equals), line + " missing:\n" + stack);
        }
        String healthchecks = Files.readString(units.resolve("shop-stack-healthchecks.service"));
        assertTrue(healthchecks.contains("ExecStart=" + script + " __healthchecks"), healthchecks);
        // The stack's start waits for healthy services, which needs these checks: no ordering after it.
        assertFalse(healthchecks.contains("After=shop-stack.service"), healthchecks);
        String backup = Files.readString(units.resolve("shop-stack-backup.service"));
        assertTrue(backup.contains("ExecStart=" + script + " backup") && backup.contains("SyslogIdentifier=todolist-backup"), backup);
        assertTrue(Files.readString(units.resolve("shop-stack-backup.timer")).contains("Persistent=true"));
    }

    @Test
    void withDockerTheStackNeedsItsDaemonAndNoHealthcheckTimer() throws IOException {
        manage("unix:///var/run/docker.sock", "systemd", "install").assertSuccess("systemd install");

        assertEquals(3, unitFiles().size(), unitFiles().toString());
        assertTrue(Files.readString(units.resolve("shop-stack.service")).contains("Requires=docker.service"));
    }

    @Test
    void printShowsWhatInstallWouldWriteAndAnUnknownActionIsAUsageError() {
        Command.Result print = manage("unix:///run/podman/podman.sock", "systemd", "print").assertSuccess("systemd print");
        assertTrue(print.output().contains("# ---- " + units + "/shop-stack.service\n[Unit]"), print.output());
        assertFalse(Files.exists(units), "print writes nothing");

        Command.Result wrong = manage("unix:///run/podman/podman.sock", "systemd", "enable");
        assertEquals(1, wrong.exitCode(), wrong.output());
        assertTrue(wrong.output().contains("systemd needs print or install"), wrong.output());
    }

    @Test
    @Needs(Prerequisite.SYSTEMD_ANALYZE)
    void theUnitsPassSystemdAnalyzeVerify() throws IOException {
        manage("unix:///run/podman/podman.sock", "systemd", "install").assertSuccess("systemd install");
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify"));
        unitFiles().forEach(p -> command.add(p.toString()));

        Command.Result verify = Command.run(command, units, Map.of(), Duration.ofMinutes(1));
        assertEquals(0, verify.exitCode(), verify.output());
        assertTrue(verify.output().isBlank(), "no warning either:\n" + verify.output());

        // Control: the check can fail (a relative ExecStart is refused).
        Path broken = units.resolve("shop-stack-broken.service");
        Files.writeString(broken, Files.readString(units.resolve("shop-stack.service"))
                .replace("ExecStart=" + bundle.resolve("manage-docker.sh"), "ExecStart=manage-docker.sh"));
        assertNotEquals(0, Command.run(List.of("systemd-analyze", "verify", broken.toString()), units, Map.of(),
                Duration.ofMinutes(1)).exitCode());
    }
}
