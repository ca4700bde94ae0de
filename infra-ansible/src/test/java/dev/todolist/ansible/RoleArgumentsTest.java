package dev.todolist.ansible;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role refuses bad input before it touches the host: meta/argument_specs.yml for missing
 * variables, wrong types and choices, the preflight asserts for what types cannot say. Each
 * failure names the variable and what to do, and never prints a secret.
 */
@Needs(Prerequisite.ANSIBLE)
class RoleArgumentsTest {

    private static final String PASSWORD = "pw-marker-7f3a9c1e";
    private static final String SESSION_SECRET = "session-marker-k3J9vQ2xLm8RtY5wZp1NcB7d";

    @TempDir
    Path work;
    private Ansible ansible;
    private Path playbook;
    private Path inventory;

    @BeforeEach
    void rolePlaybookOutsideTheGroups() {
        // The role on its own, on a host in no group: no group_vars supply anything.
        Path roles = Ansible.shippedPlaybookDirectory().resolve("roles");
        ansible = new Ansible(Ansible.shippedPlaybookDirectory(), Map.of("ANSIBLE_ROLES_PATH", roles.toString()));
        playbook = Ansible.write(work.resolve("role.yml"), """
                - name: Apply the todolist role alone
                  hosts: all
                  gather_facts: true
                  roles:
                    - role: todolist
                """);
        inventory = Ansible.write(work.resolve("inventory"),
                "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n");
    }

    @Test
    void roleRefusesToRunWithoutItsSecrets() {
        Ansible.Result run = apply(Map.of("todolist_root", work.resolve("root").toString()));

        assertNotEquals(0, run.exitCode(), run::describe);
        assertTrue(run.output().contains(
                "missing required arguments: todolist_mongodb_password, todolist_session_secret"), run::describe);
        assertFalse(Files.exists(work.resolve("root")), "nothing may be created before the arguments are valid");
    }

    @Test
    void wrongTypesAndChoicesAreNamedWithoutPrintingTheSecrets() {
        Map<String, Object> variables = valid();
        variables.put("todolist_http_port", "eighty");
        variables.put("todolist_engine_install_source", "snap");

        Ansible.Result run = apply(variables);

        assertNotEquals(0, run.exitCode(), run::describe);
        assertTrue(run.output().contains(
                "argument 'todolist_http_port' is of type <class 'str'> and we were unable to convert to int"), run::describe);
        assertTrue(run.output().contains(
                "value of todolist_engine_install_source must be one of: docker, distribution, got: snap"), run::describe);
        assertFalse(run.output().contains(PASSWORD), run::describe);
        assertFalse(run.output().contains(SESSION_SECRET), run::describe);
    }

    static Stream<Arguments> valuesThePreflightRefuses() {
        return Stream.of(
                Arguments.of("todolist_session_secret", "too-short-for-a-session-key",
                        "todolist_session_secret must hold at least 32 characters"),
                Arguments.of("todolist_session_secret", "change-me-to-at-least-32-random-characters",
                        "no example word (change, example, placeholder"),
                // manage-docker.sh refuses it (rules/secret-rules.env): so must the role, before anything changes.
                Arguments.of("todolist_session_secret", "Placeholder-k3J9vQ2xLm8RtY5wZp1NcB7dFh",
                        "todolist_session_secret must hold at least 32 characters (any, no line break), no example word"),
                Arguments.of("todolist_session_secret", "abababababababababababababababababab",
                        "at least 8 distinct characters"),
                Arguments.of("todolist_mongodb_password", "has spaces and/slashes",
                        "todolist_mongodb_password must hold at least 12 characters (letters, digits and - . _ ~"),
                Arguments.of("todolist_mongodb_password", "placeholderXu7ad81",
                        "todolist_mongodb_password must hold at least 12 characters (letters, digits and - . _ ~"),
                Arguments.of("todolist_root", "relative/todolist",
                        "todolist_root must be an absolute directory other than /; got 'relative/todolist'"),
                Arguments.of("todolist_root", "/",
                        "todolist_root must be an absolute directory other than /; got '/'"),
                Arguments.of("todolist_http_port", 70000,
                        "todolist_http_port must be a port between 1 and 65535; got 70000"),
                Arguments.of("todolist_version", "1.0 beta",
                        "todolist_version must be a release version such as 1.2.0; got '1.0 beta'"),
                Arguments.of("todolist_mongodb_data_mode", "rwx",
                        "todolist_mongodb_data_mode must be an octal mode such as 0750; got 'rwx'"),
                Arguments.of("todolist_backup_cron_schedule", "0 2 * *",
                        "todolist_backup_cron_schedule needs five cron fields (minute hour day month weekday); got '0 2 * *'"),
                Arguments.of("todolist_backup_job_schedule", "@daily",
                        "todolist_backup_job_schedule needs five cron fields (minute hour day month weekday); got '@daily'"),
                Arguments.of("todolist_backup_cron_file", "/etc/cron.d/todolist.backup",
                        "cron skips other names in /etc/cron.d"),
                Arguments.of("todolist_app_replicas", 0, "todolist_app_replicas must be from 1 to 16 (APP_REPLICAS); got 0"),
                // An app-only host's URI holds credentials: refused with its shape, never printed.
                Arguments.of("todolist_mongodb_uri", "mongodb://todolist:" + PASSWORD + "@db1:27017/todolist",
                        "todolist_mongodb_uri must be a mongodb:// URI naming its replicaSet"),
                Arguments.of("todolist_bundle_src", "/nonexistent/infra-docker-9.9.9.tar.gz",
                        "No Compose bundle at /nonexistent/infra-docker-9.9.9.tar.gz"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("valuesThePreflightRefuses")
    void preflightRefusesWhatTypesCannotSay(String variable, Object value, String message) {
        Map<String, Object> variables = valid();
        variables.put(variable, value);

        Ansible.Result run = apply(variables);

        assertNotEquals(0, run.exitCode(), run::describe);
        assertTrue(run.output().contains(message), run::describe);
        assertFalse(run.output().contains(PASSWORD), run::describe);
        assertFalse(Files.exists(work.resolve("root")), "nothing may be created when the preflight fails");
    }

    private Map<String, Object> valid() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("todolist_mongodb_password", PASSWORD);
        variables.put("todolist_session_secret", SESSION_SECRET);
        variables.put("todolist_root", work.resolve("root").toString());
        variables.put("todolist_backup_cron_file", work.resolve("cron.d/todolist-backup").toString());
        variables.put("todolist_bundle_src", Ansible.write(work.resolve("bundle.tar.gz"), "").toString());
        return variables;
    }

    private Ansible.Result apply(Map<String, Object> variables) {
        try {
            Path extraVars = work.resolve("vars.json");
            new ObjectMapper().writeValue(extraVars.toFile(), variables);
            return ansible.playbook(List.of("-i", inventory.toString(), "-e", "@" + extraVars, playbook.toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
