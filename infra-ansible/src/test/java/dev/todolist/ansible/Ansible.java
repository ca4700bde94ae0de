package dev.todolist.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real Ansible command-line tools on a playbook directory (the one the build ships), the
 * way an operator does, and keeps their whole output for the assertions and for failure messages.
 */
final class Ansible {

    static final String EXAMPLE_VAULT_PASSWORD_FILE = "vault-password.example";
    /** The environment that makes ansible-playbook print one JSON document: see {@link Result#hostReports()}. */
    static final Map<String, String> JSON_CALLBACK = Map.of("ANSIBLE_STDOUT_CALLBACK", "json");

    private static final Pattern RECAP = Pattern.compile(
            "^(\\S+)\\s+:\\s+ok=(\\d+)\\s+changed=(\\d+)\\s+unreachable=(\\d+)\\s+failed=(\\d+)", Pattern.MULTILINE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path playbookDirectory;
    private final Map<String, String> environment;

    Ansible(Path playbookDirectory, Map<String, String> environment) {
        this.playbookDirectory = playbookDirectory;
        this.environment = environment;
    }

    Ansible(Path playbookDirectory) {
        this(playbookDirectory, Map.of());
    }

    /** The playbook directory the build filtered into target/ansible (the role's version set). */
    static Path shippedPlaybookDirectory() {
        return Path.of(requiredProperty("todolist.ansible.directory"));
    }

    /** The infra-docker bundle of the same release, shipped where the role's default looks. */
    static Path composeBundle(Path playbookDirectory) {
        Path bundle = playbookDirectory.resolve("files/infra-docker-" + version() + ".tar.gz");
        if (!Files.isRegularFile(bundle)) {
            throw new IllegalStateException("No Compose bundle at " + bundle
                    + ": build infra-docker in the same reactor first (./mvnw verify -pl infra-ansible -am)");
        }
        return bundle;
    }

    static String version() {
        return requiredProperty("todolist.version");
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set (the module's pom sets it)");
        }
        return value;
    }

    Path playbookDirectory() {
        return playbookDirectory;
    }

    /** An inventory putting this machine, reached without SSH or sudo, in the given group. */
    static Path localInventory(Path directory, String group) {
        String inventory = "[" + group + "]\n"
                + "localhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3 ansible_become=false\n";
        return write(directory.resolve("inventory-" + group), inventory);
    }

    /** ansible-playbook ARGS in the playbook directory, decrypting with the example vault password. */
    Result playbook(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("ansible-playbook",
                "--vault-password-file", playbookDirectory.resolve(EXAMPLE_VAULT_PASSWORD_FILE).toString()));
        command.addAll(arguments);
        return run(command);
    }

    /**
     * Variables' values for a host of the group, as the playbook directory's group_vars give them
     * (vaulted ones decrypted), read in one ansible run.
     */
    Map<String, String> variables(Path inventory, String group, List<String> names) {
        String dictionary = names.stream().map(name -> "'" + name + "': " + name)
                .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
        Result result = run(List.of("ansible", "-i", inventory.toString(), group,
                "--playbook-dir", playbookDirectory.toString(),
                "--vault-password-file", playbookDirectory.resolve(EXAMPLE_VAULT_PASSWORD_FILE).toString(),
                "-m", "ansible.builtin.debug", "-a", "msg={{ " + dictionary + " }}"));
        result.assertSucceeded("reading " + names);
        String output = result.output();
        try {
            JsonNode answer = JSON.readTree(output.substring(output.indexOf("=>") + 2)).path("msg");
            Map<String, String> values = new java.util.LinkedHashMap<>();
            for (String name : names) {
                if (!answer.path(name).isTextual()) {
                    throw new AssertionError("No value for " + name + " in:\n" + output);
                }
                values.put(name, answer.path(name).asText());
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable answer for " + names + ":\n" + output, e);
        }
    }

    Result run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(playbookDirectory.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("ANSIBLE_NOCOLOR", "1");
        env.put("ANSIBLE_FORCE_COLOR", "0");
        env.put("PY_COLORS", "0");
        env.put("ANSIBLE_DEPRECATION_WARNINGS", "0");
        env.putAll(environment);
        try {
            Path log = Files.createTempFile("ansible-", ".log");
            builder.redirectOutput(log.toFile());
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(command, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
        }
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(List<String> command, int exitCode, String output) {

        /**
         * Per host, what a run with Ansible's json stdout callback ({@link #JSON_CALLBACK}) said:
         * its failed tasks' messages (a failed loop's item messages too) and all its task results.
         */
        Map<String, HostReport> hostReports() {
            // Warnings go to stderr, which run() merges into the output ahead of the document.
            int start = output.startsWith("{") ? 0 : output.indexOf("\n{\n") + 1;
            JsonNode document;
            try {
                document = JSON.readTree(output.substring(start));
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("No JSON document in the output of " + describe(), e);
            }
            Map<String, HostReport> reports = new java.util.TreeMap<>();
            document.path("stats").fieldNames().forEachRemaining(host -> reports.put(host,
                    new HostReport(document.path("stats").path(host).path("failures").asInt(), new ArrayList<>(), new StringBuilder())));
            for (JsonNode play : document.path("plays")) {
                for (JsonNode task : play.path("tasks")) {
                    task.path("hosts").fields().forEachRemaining(entry -> {
                        HostReport report = reports.get(entry.getKey());
                        JsonNode result = entry.getValue();
                        report.results().append(result).append('\n');
                        if (result.path("failed").asBoolean()) {
                            report.messages().add(result.path("msg").asText());
                        }
                        for (JsonNode item : result.path("results")) {
                            if (item.path("failed").asBoolean()) {
                                report.messages().add(item.path("msg").asText());
                            }
                        }
                    });
                }
            }
            return reports;
        }

        /** The PLAY RECAP counters of the only host. */
        Recap recap() {
            Matcher matcher = RECAP.matcher(output);
            if (!matcher.find()) {
                throw new AssertionError("No PLAY RECAP in the output of " + describe());
            }
            return new Recap(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)),
                    Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)));
        }

        /**
         * How the first run of a task ended ("ok", "changed", "skipping", "fatal"...), from the
         * line after its banner ({@code TASK [role : name]} or {@code RUNNING HANDLER [...]}); null
         * when the task did not run at all.
         */
        String status(String banner) {
            int at = output.indexOf(banner + " ");
            if (at < 0) {
                return null;
            }
            String[] lines = output.substring(at).split("\n", 4);
            for (int i = 1; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    return lines[i].substring(0, Math.max(lines[i].indexOf(':'), 0));
                }
            }
            return null;
        }

        Result assertSucceeded(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + ": exit " + exitCode + " from " + describe());
            }
            return this;
        }

        String describe() {
            return String.join(" ", command) + "\n" + output;
        }
    }

    record Recap(int ok, int changed, int unreachable, int failed) {
    }

    /** One host of a run: how many tasks failed, their messages, and every result as JSON text. */
    record HostReport(int failures, List<String> messages, StringBuilder results) {
    }
}
