package dev.todolist.infra;

import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import dev.todolist.testing.TestPorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * manage-docker.sh without a running stack: lint, usage, and every refusal of an unsafe .env
 * (these happen before any engine is asked anything).
 */
class ManageDockerScriptIT {

    private static final String GOOD_SECRET = "k3J9vQ2xLm8RtY5wZp1NcB7dFh4GsA6eUq0Vi";
    private static final String GOOD_MONGO_PASSWORD = "Xu7ad81kq03mzl29";
    private Path bundle;

    @BeforeEach
    void unpack() {
        bundle = Bundle.unpack("manage-docker-it");
    }

    private Command.Result manage(String... args) {
        List<String> command = new ArrayList<>(List.of(bundle.resolve("manage-docker.sh").toString()));
        command.addAll(List.of(args));
        return Command.run(command, bundle, Map.of(), Duration.ofMinutes(2));
    }

    private void writeEnv(String secret, String mongoPassword, String mode) throws IOException {
        String example = Files.readString(bundle.resolve(".env.example"));
        String env = example.replaceFirst("(?m)^SESSION_SECRET=.*$", "SESSION_SECRET=" + secret)
                .replaceFirst("(?m)^MONGO_INITDB_ROOT_PASSWORD=.*$", "MONGO_INITDB_ROOT_PASSWORD=" + mongoPassword);
        Path file = bundle.resolve(".env");
        Files.writeString(file, env);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    @Test
    @Needs(Prerequisite.SHELLCHECK)
    void scriptsAreShellcheckClean() throws IOException {
        List<String> command = new ArrayList<>(List.of("shellcheck", "-x", bundle.resolve("manage-docker.sh").toString()));
        try (Stream<Path> parts = Files.list(bundle.resolve("lib"))) {
            // -x follows the sources but reports only the files named: name each part too.
            parts.map(Path::toString).sorted().forEach(command::add);
        }
        command.addAll(List.of(Bundle.projectRoot().resolve("infra-docker/src/test/stack/load-images.sh").toString(),
                Bundle.projectRoot().resolve("infra-docker/src/test/stack/prepare-podman-local.sh").toString(),
                Bundle.projectRoot().resolve(".ci/install.d/20-podman.sh").toString()));
        Command.run(command, bundle, Map.of(), Duration.ofMinutes(1)).assertSuccess("shellcheck");
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Command.Result help = manage("help");
        assertEquals(0, help.exitCode(), help.output());
        for (String command : List.of("start", "stop", "restart", "status", "logs [SERVICE]", "backup",
                "restore FILE [--yes]", "cleanup", "backups list", "backups verify FILE", "backups prune [--dry-run]",
                "images load PATH", "upgrade VERSION", "rollback", "help", "Exit codes")) {
            assertTrue(help.output().contains(command), command + " missing:\n" + help.output());
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorBeforeAnyCheck() {
        Command.Result result = manage("cleanup", "--force");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("cleanup: unknown option --force"), result.output());
    }

    @Test
    void subcommandsWithoutTheirArgumentsAreUsageErrorsBeforeAnyCheck() {
        Map<List<String>, String> expected = Map.of(
                List.of("backups"), "backups needs list, verify FILE or prune [--dry-run]",
                List.of("backups", "verify"), "backups verify takes one FILE",
                List.of("backups", "prune", "--now"), "backups prune takes only --dry-run",
                List.of("images"), "images needs a subcommand: images load PATH...",
                List.of("images", "load"), "images load needs a PATH");
        expected.forEach((args, message) -> {
            Command.Result result = manage(args.toArray(String[]::new));
            assertEquals(1, result.exitCode(), args + ": " + result.output());
            assertTrue(result.output().contains(message), args + ": " + result.output());
        });
    }

    @Test
    void imagesLoadNamesAMissingTarball() {
        Command.Result result = manage("images", "load", "no-such-image.tar");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("images load: no such file or directory: no-such-image.tar"), result.output());
    }

    @Test
    void unknownCommandIsAUsageError() {
        Command.Result result = manage("deploy");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("unknown command: deploy"), result.output());
    }

    @Test
    void startRefusesWithoutEnvFile() {
        Command.Result result = manage("start");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("no .env in"), result.output());
        assertFalse(Files.exists(bundle.resolve("data")), "nothing may be prepared before the checks pass");
    }

    /** COMMAND, SESSION_SECRET, MONGO_INITDB_ROOT_PASSWORD, .env mode, the refusal's message. */
    static Stream<Arguments> unsafeEnvFiles() {
        return Stream.of(
                Arguments.of("start", GOOD_SECRET, GOOD_MONGO_PASSWORD, "rw-r--r--", ".env is mode 644"),
                // The example file's own values.
                Arguments.of("start", "change-me-to-at-least-32-random-characters", "change-me", "rw-------",
                        "SESSION_SECRET is still an example value"),
                // restart checks before it stops anything.
                Arguments.of("restart", "tooShort123", GOOD_MONGO_PASSWORD, "rw-------",
                        "SESSION_SECRET has 11 characters, at least 32"),
                // rules/secret-rules.env: any example word, and too few distinct characters.
                Arguments.of("start", "Placeholder-k3J9vQ2xLm8RtY5wZp1NcB7dFh", GOOD_MONGO_PASSWORD, "rw-------",
                        "SESSION_SECRET is still an example value"),
                Arguments.of("start", "ab".repeat(20), GOOD_MONGO_PASSWORD, "rw-------",
                        "SESSION_SECRET is still an example value"),
                Arguments.of("start", GOOD_SECRET, "p@ss/word:with-specials", "rw-------",
                        "MONGO_INITDB_ROOT_PASSWORD must be set and use only letters"),
                Arguments.of("start", GOOD_SECRET, "change-me-please", "rw-------",
                        "MONGO_INITDB_ROOT_PASSWORD is still an example value"));
    }

    @ParameterizedTest(name = "{0} refuses: {4}")
    @MethodSource("unsafeEnvFiles")
    void startRefusesAnUnsafeEnvFile(String command, String secret, String mongoPassword, String mode, String message)
            throws IOException {
        writeEnv(secret, mongoPassword, mode);
        Command.Result result = manage(command);
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains(message), result.output());
        assertFalse(Files.exists(bundle.resolve("data")), "nothing may be prepared before the checks pass");
    }

    @ParameterizedTest(name = "start refuses TODOLIST_EXTERNAL_SUBNET={0}")
    @ValueSource(strings = {"172.31.240.0", "172.31.240.0/29", "172.31.256.0/24", "10.0.0.0/4", "192.168.08.0/24", "fd00::/64", "net-a"})
    void startRefusesAnExternalSubnetThatIsNotAnIpv4Network(String subnet) throws IOException {
        writeEnv(GOOD_SECRET, GOOD_MONGO_PASSWORD, "rw-------");
        Files.writeString(bundle.resolve(".env"), "TODOLIST_EXTERNAL_SUBNET=" + subnet + "\n", StandardOpenOption.APPEND);
        Command.Result result = manage("start");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("TODOLIST_EXTERNAL_SUBNET=" + subnet + " is not an IPv4 network"), result.output());
    }

    @Test
    void upgradeTakesOneImageTagAndRollbackNoneBeforeAnyCheck() {
        Map<List<String>, String> expected = Map.of(
                List.of("upgrade"), "upgrade takes one VERSION",
                List.of("upgrade", "1.4.0", "1.5.0"), "upgrade takes one VERSION",
                List.of("upgrade", "1.4.0;rm"), "upgrade takes one VERSION",
                List.of("rollback", "1.4.0"), "rollback takes no argument: 1.4.0");
        expected.forEach((args, message) -> {
            Command.Result result = manage(args.toArray(String[]::new));
            assertEquals(1, result.exitCode(), args + ": " + result.output());
            assertTrue(result.output().contains(message), args + ": " + result.output());
        });
    }

    @ParameterizedTest(name = "APP_REPLICAS={0} is refused")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "17", "two", "-1"})
    void startRefusesAnAppReplicasOutOfRange(String replicas) throws IOException {
        writeEnv(GOOD_SECRET, GOOD_MONGO_PASSWORD, "rw-------");
        Path env = bundle.resolve(".env");
        Files.writeString(env, Files.readString(env).replaceFirst("(?m)^APP_REPLICAS=.*$", "APP_REPLICAS=" + replicas));
        Command.Result result = manage("start");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("APP_REPLICAS must be a number from 1 to 16, not '" + replicas + "'"), result.output());
        assertFalse(Files.exists(bundle.resolve("data")), "nothing may be prepared before the checks pass");
    }

    @Test
    @Needs(Prerequisite.CURL)
    void startDoesNotCallTheStackHealthyWhileNginxDoesNotServeTheApi() throws IOException {
        // Nothing listens on that port: the containers may all be healthy, users would still get nothing.
        int port = TestPorts.free();
        Files.writeString(bundle.resolve(".env"), "NGINX_BIND_ADDRESS=127.0.0.1\nNGINX_HTTPS_PORT=" + port + "\n");
        Command.Result result = servedThroughNginxWithin(2, Map.of());
        assertEquals(3, result.exitCode(), result.output());
        assertTrue(result.output().contains("every container is healthy, but https://127.0.0.1:" + port
                + "/health gives no HTTP answer: see ./manage-docker.sh logs nginx"), result.output());
    }

    @Test
    void withoutCurlStartSaysThePathThroughNginxIsNotChecked() throws IOException {
        Files.writeString(bundle.resolve(".env"), "NGINX_HTTPS_PORT=" + TestPorts.free() + "\n");
        Command.Result result = servedThroughNginxWithin(2, Map.of("PATH", bundle.resolve("no-such-directory").toString()));
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("curl is not installed: the API through nginx is not checked"), result.output());
    }

    /**
     * The health ticker's schedule (lib/compose.sh): a container that is starting or unhealthy is
     * checked at every tick, a healthy one once its interval has passed since its last check, one
     * without a healthcheck never. NOW is 2026-12-06T00:01:00Z.
     */
    @ParameterizedTest(name = "{0}, interval {1}, last checks [{2}]: due {3}")
    @MethodSource("healthcheckSchedules")
    void theHealthTickerChecksAHealthyContainerAtItsIntervalAndTheOthersAtEveryTick(String status, String interval,
                                                                                   String checks, boolean due) {
        String script = "set -euo pipefail; BUNDLE_DIR=\"$PWD\"; source lib/common.sh; source lib/compose.sh;"
                + " if healthcheck_due \"$(date -d 2026-12-06T00:01:00Z +%s)\" \"$1\" \"$2\" \"$3\"; then echo due; else echo later; fi";
        Command.Result result = Command.run(List.of("/bin/bash", "-c", script, "schedule", status, interval, checks),
                bundle, Map.of(), Duration.ofSeconds(30));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(due ? "due" : "later", result.output().trim());
    }

    static Stream<Arguments> healthcheckSchedules() {
        String tenSecondsAgo = "2026-12-06T00:00:40.5Z 2026-12-06T00:00:50.123456789Z ";
        String twentySecondsAgo = "2026-12-06T00:00:25.5Z 2026-12-06T00:00:40.123456789Z ";
        return Stream.of(
                Arguments.of("starting", "15", "", true),
                Arguments.of("starting", "15", tenSecondsAgo, true),
                Arguments.of("unhealthy", "15", tenSecondsAgo, true),
                Arguments.of("healthy", "15", tenSecondsAgo, false),
                Arguments.of("healthy", "15", twentySecondsAgo, true),
                Arguments.of("healthy", "5", tenSecondsAgo, true),
                Arguments.of("healthy", "15", "", true),
                Arguments.of("", "", "", false));
    }

    /** The last step of `start` (lib/compose.sh), on its own, given SECONDS seconds. */
    private Command.Result servedThroughNginxWithin(int seconds, Map<String, String> environment) {
        String script = "set -euo pipefail; BUNDLE_DIR=\"$PWD\"; source lib/common.sh; source lib/compose.sh;"
                + " wait_until_served_through_nginx $((SECONDS + " + seconds + "))";
        return Command.run(List.of("/bin/bash", "-c", script), bundle, environment, Duration.ofSeconds(30));
    }

    /** Arguments are parsed before the environment is looked at: no .env and no Compose CLI needed. */
    @Test
    void restoreWithoutAFileIsAUsageError() {
        Command.Result result = manage("restore");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("restore needs a FILE"), result.output());
    }
}
