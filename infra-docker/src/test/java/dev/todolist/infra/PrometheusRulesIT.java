package dev.todolist.infra;

import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.infra.testing.Podman;
import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The monitoring profile's Prometheus files, checked by Debian's promtool (in the Prometheus image
 * built from Debian's package): the configuration, the alert rules, and the rules' unit tests
 * (alert-rules.test.yml: each alert fires on series that breach the plan's target, not before).
 */
@Needs(Prerequisite.PODMAN)
class PrometheusRulesIT {

    private static final String IMAGE = "localhost/todolist-prometheus:2.42";
    private static Path prometheus;

    @BeforeAll
    static void unpack() {
        prometheus = Bundle.unpack("prometheus-it").resolve("prometheus");
    }

    private static Command.Result promtool(String... args) {
        String[] command = new String[] {"run", "--rm", "--network", "none", "-v", prometheus + ":/p:ro", "-w", "/p",
                "--entrypoint", "promtool", IMAGE};
        String[] all = new String[command.length + args.length];
        System.arraycopy(command, 0, all, 0, command.length);
        System.arraycopy(args, 0, all, command.length, args.length);
        return Podman.podman(all);
    }

    @Test
    void configurationIsValidForPromtool() {
        Command.Result result = promtool("check", "config", "prometheus.yml").assertSuccess("promtool check config");
        assertTrue(result.output().contains("SUCCESS: 8 rules found"), result.output());
    }

    @Test
    void alertRulesPassTheirUnitTests() {
        Command.Result result = promtool("test", "rules", "alert-rules.test.yml").assertSuccess("promtool test rules");
        assertTrue(result.output().contains("SUCCESS"), result.output());
    }
}
