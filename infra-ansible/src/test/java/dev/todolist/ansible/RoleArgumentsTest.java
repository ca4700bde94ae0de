package dev.todolist.ansible;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The role refuses bad input before it touches the host: meta/argument_specs.yml for missing
 * variables, wrong types and choices, the preflight asserts for what types cannot say. Each
 * failure names the variable and what to do, and never prints a secret.
 *
 * <p>Every case is a host of its own (each one this machine, reached without SSH) with the case's
 * variables as host variables, and one ansible-playbook run applies the role to all of them: each
 * host fails, or not, on its own, as in a run of its own, for one Ansible start instead of one per
 * case. Ansible's JSON output says per host which tasks failed and with what message.
 */
@Needs(Prerequisite.ANSIBLE)
class RoleArgumentsTest {

    private static final String PASSWORD = "pw-marker-7f3a9c1e";
    private static final String SESSION_SECRET = "session-marker-k3J9vQ2xLm8RtY5wZp1NcB7d";
    private static final String WITHOUT_SECRETS = "without-secrets";
    private static final String WRONG_TYPES = "wrong-types";

    /** A value the preflight refuses, and what its message must say. */
    record Refusal(String variable, Object value, String message) {

        String host() {
            return "refusal-" + REFUSALS.indexOf(this);
        }

        @Override
        public String toString() {
            return variable + "=" + value;
        }
    }

    private static final List<Refusal> REFUSALS = List.of(
            new Refusal("todolist_session_secret", "too-short-for-a-session-key",
                    "todolist_session_secret must hold at least 32 characters"),
            new Refusal("todolist_session_secret", "change-me-to-at-least-32-random-characters",
                    "no example word (change, example, placeholder"),
            // manage-docker.sh refuses it (rules/secret-rules.env): so must the role, before anything changes.
            new Refusal("todolist_session_secret", "Placeholder-k3J9vQ2xLm8RtY5wZp1NcB7dFh",
                    "todolist_session_secret must hold at least 32 characters (any, no line break), no example word"),
            new Refusal("todolist_session_secret", "abababababababababababababababababab",
                    "at least 8 distinct characters"),
            new Refusal("todolist_mongodb_password", "has spaces and/slashes",
                    "todolist_mongodb_password must hold at least 12 characters (letters, digits and - . _ ~"),
            new Refusal("todolist_mongodb_password", "placeholderXu7ad81",
                    "todolist_mongodb_password must hold at least 12 characters (letters, digits and - . _ ~"),
            new Refusal("todolist_root", "relative/todolist",
                    "todolist_root must be an absolute directory other than /; got 'relative/todolist'"),
            new Refusal("todolist_root", "/",
                    "todolist_root must be an absolute directory other than /; got '/'"),
            new Refusal("todolist_http_port", 70000,
                    "todolist_http_port must be a port between 1 and 65535; got 70000"),
            new Refusal("todolist_version", "1.0 beta",
                    "todolist_version must be a release version such as 1.2.0; got '1.0 beta'"),
            new Refusal("todolist_mongodb_data_mode", "rwx",
                    "todolist_mongodb_data_mode must be an octal mode such as 0750; got 'rwx'"),
            new Refusal("todolist_backup_cron_schedule", "0 2 * *",
                    "todolist_backup_cron_schedule needs five cron fields (minute hour day month weekday); got '0 2 * *'"),
            new Refusal("todolist_backup_job_schedule", "@daily",
                    "todolist_backup_job_schedule needs five cron fields (minute hour day month weekday); got '@daily'"),
            new Refusal("todolist_backup_cron_file", "/etc/cron.d/todolist.backup",
                    "cron skips other names in /etc/cron.d"),
            new Refusal("todolist_app_replicas", 0, "todolist_app_replicas must be from 1 to 16 (APP_REPLICAS); got 0"),
            // An app-only host's URI holds credentials: refused with its shape, never printed.
            new Refusal("todolist_mongodb_uri", "mongodb://todolist:" + PASSWORD + "@db1:27017/todolist",
                    "todolist_mongodb_uri must be a mongodb:// URI naming its replicaSet"),
            new Refusal("todolist_bundle_src", "/nonexistent/infra-docker-9.9.9.tar.gz",
                    "No Compose bundle at /nonexistent/infra-docker-9.9.9.tar.gz"));

    @TempDir
    static Path work;
    private static Map<String, Ansible.HostReport> reports;

    @BeforeAll
    static void applyTheRoleAloneToEveryCase() throws IOException {
        Map<String, Map<String, Object>> hosts = new LinkedHashMap<>();
        hosts.put(WITHOUT_SECRETS, host(Map.of("todolist_root", root(WITHOUT_SECRETS).toString())));
        Map<String, Object> wrongTypes = valid(WRONG_TYPES);
        wrongTypes.put("todolist_http_port", "eighty");
        wrongTypes.put("todolist_engine_install_source", "snap");
        hosts.put(WRONG_TYPES, host(wrongTypes));
        for (Refusal refusal : REFUSALS) {
            Map<String, Object> variables = valid(refusal.host());
            variables.put(refusal.variable(), refusal.value());
            hosts.put(refusal.host(), host(variables));
        }
        // JSON is YAML: the yaml inventory plugin keeps each value's type (70000 an int, "eighty" a string).
        Path inventory = work.resolve("inventory.json");
        new ObjectMapper().writeValue(inventory.toFile(), Map.of("all", Map.of("hosts", hosts)));
        // The role on its own, on hosts in no group: no group_vars supply anything.
        Path playbook = Ansible.write(work.resolve("role.yml"), """
                - name: Apply the todolist role alone
                  hosts: all
                  # The facts the role reads, as ansible-deploy.yml gathers them.
                  gather_subset: [min]
                  roles:
                    - role: todolist
                """);
        Map<String, String> environment = new HashMap<>(Ansible.JSON_CALLBACK);
        environment.put("ANSIBLE_ROLES_PATH", Ansible.shippedPlaybookDirectory().resolve("roles").toString());
        Ansible ansible = new Ansible(Ansible.shippedPlaybookDirectory(), environment);

        reports = ansible.playbook(List.of("-i", inventory.toString(), playbook.toString())).hostReports();
    }

    @Test
    void roleRefusesToRunWithoutItsSecrets() {
        assertRefused(WITHOUT_SECRETS, "missing required arguments: todolist_mongodb_password, todolist_session_secret");
        assertFalse(Files.exists(root(WITHOUT_SECRETS)), "nothing may be created before the arguments are valid");
    }

    @Test
    void wrongTypesAndChoicesAreNamedWithoutPrintingTheSecrets() {
        assertRefused(WRONG_TYPES, "argument 'todolist_http_port' is of type <class 'str'> and we were unable to convert to int");
        assertRefused(WRONG_TYPES, "value of todolist_engine_install_source must be one of: docker, distribution, got: snap");
        assertFalse(report(WRONG_TYPES).results().toString().contains(SESSION_SECRET), () -> describe(WRONG_TYPES));
    }

    static Stream<Refusal> valuesThePreflightRefuses() {
        return REFUSALS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesThePreflightRefuses")
    void preflightRefusesWhatTypesCannotSay(Refusal refusal) {
        assertRefused(refusal.host(), refusal.message());
        assertFalse(Files.exists(root(refusal.host())), "nothing may be created when the preflight fails");
    }

    /** The host's run failed with a message containing {@code message}, and printed no password. */
    private static void assertRefused(String host, String message) {
        Ansible.HostReport report = report(host);
        assertTrue(report.failures() > 0, () -> "the role ran through: " + describe(host));
        assertTrue(report.messages().stream().anyMatch(shown -> shown.contains(message)),
                () -> "no failure says \"" + message + "\": " + describe(host));
        assertFalse(report.results().toString().contains(PASSWORD), () -> "the password was printed: " + describe(host));
    }

    private static Ansible.HostReport report(String host) {
        Ansible.HostReport report = reports.get(host);
        assertTrue(report != null, () -> "Ansible said nothing about host " + host + "; it did about " + reports.keySet());
        return report;
    }

    private static String describe(String host) {
        return host + " failed " + reports.get(host).failures() + " task(s) with " + reports.get(host).messages()
                + "\nits results:\n" + reports.get(host).results();
    }

    private static Map<String, Object> host(Map<String, Object> variables) {
        Map<String, Object> host = new HashMap<>(variables);
        host.put("ansible_connection", "local");
        host.put("ansible_python_interpreter", "/usr/bin/python3");
        return host;
    }

    /** Variables that pass every check, each case's paths its own. */
    private static Map<String, Object> valid(String host) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("todolist_mongodb_password", PASSWORD);
        variables.put("todolist_session_secret", SESSION_SECRET);
        variables.put("todolist_root", root(host).toString());
        variables.put("todolist_backup_cron_file", work.resolve(host).resolve("cron.d/todolist-backup").toString());
        variables.put("todolist_bundle_src", Ansible.write(work.resolve(host).resolve("bundle.tar.gz"), "").toString());
        return variables;
    }

    private static Path root(String host) {
        return work.resolve(host).resolve("root");
    }
}
