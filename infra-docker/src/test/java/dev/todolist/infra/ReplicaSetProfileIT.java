package dev.todolist.infra;

import dev.todolist.infra.testing.Bundle;
import dev.todolist.infra.testing.Command;
import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Compose profile `replicaset` (three mongo:7 members with keyfile authentication, initiated
 * once by mongodb-init), validated STATICALLY: no mongo:7 image and no mongod can be had on these
 * machines, so no replica set runs here. What is proved: the compose-spec schema, Debian's
 * docker-compose 1.29 resolving both files with the profile, the policy of the resolved stack, the
 * init script (shellcheck, and its refusals, which come before it calls mongosh), and
 * manage-docker.sh adding the second file exactly when the profile is on.
 */
class ReplicaSetProfileIT {

    private static final List<String> MEMBERS = List.of("mongodb", "mongodb-2", "mongodb-3");
    private static final String OVERLAY = "docker-compose.replicaset.yml";
    private static Path bundle;

    @BeforeAll
    static void unpack() throws IOException {
        bundle = Bundle.unpack("replicaset-it");
        Files.copy(bundle.resolve(".env.example"), bundle.resolve(".env"));
    }

    @Test
    void theSecondFileIsValidForTheComposeSpecSchema() throws IOException {
        Object overlay = new Yaml().load(Files.readString(bundle.resolve(OVERLAY)));
        assertEquals(List.of(), List.copyOf(ComposeFileIT.schemaErrors(overlay)));
    }

    @Test
    @Needs(Prerequisite.DOCKER_COMPOSE)
    @SuppressWarnings("unchecked")
    void theResolvedProfileIsAKeyfileAuthenticatedSetThatTheAppAndTheBackupJobUseWithMajorityWrites() throws IOException {
        Command.Result config = Command.run(List.of("docker-compose", "-f", "docker-compose.yml", "-f", OVERLAY,
                        "--profile", "replicaset", "config"),
                bundle, Map.of(), Duration.ofMinutes(1)).assertSuccess("docker-compose config with the replicaset profile");
        Map<String, Map<String, Object>> services =
                (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(config.output()).get("services");

        for (String member : MEMBERS) {
            Map<String, Object> service = services.get(member);
            assertEquals("mongo:7", service.get("image"), member);
            String command = String.join(" ", (List<String>) service.get("command"));
            assertTrue(command.contains("--replSet \"$$1\" --keyFile /tmp/mongodb-keyfile") && command.endsWith(" member rs0"),
                    member + ": " + command);
            assertTrue(((List<Map<String, Object>>) service.get("secrets")).stream()
                    .anyMatch(secret -> "mongodb_keyfile".equals(secret.get("source"))), member + " has the keyfile");
            assertEquals(Map.of("todolist-internal", Map.of()), ((Map<String, Object>) service.get("networks")), member);
            assertFalse(service.containsKey("ports"), member + " publishes a port");
        }
        Map<String, Object> init = services.get("mongodb-init");
        Map<String, Map<String, String>> initDependencies = (Map<String, Map<String, String>>) init.get("depends_on");
        for (String member : MEMBERS) {
            assertEquals("service_healthy", initDependencies.get(member).get("condition"), "mongodb-init waits for " + member);
        }
        assertEquals("no", init.get("restart"));

        for (String client : List.of("todolist-app", "backup")) {
            Map<String, Object> service = services.get(client);
            String uri = String.valueOf(((Map<String, Object>) service.get("environment")).get("MONGODB_URI"));
            assertTrue(uri.contains("@mongodb:27017,mongodb-2:27017,mongodb-3:27017/todolist?authSource=admin"
                    + "&replicaSet=rs0&retryWrites=true&w=majority"), client + ": " + uri);
            assertEquals("service_completed_successfully",
                    ((Map<String, Map<String, String>>) service.get("depends_on")).get("mongodb-init").get("condition"), client);
        }
        assertTrue(String.valueOf(((Map<String, Object>) services.get("backup").get("environment")).get("MONGODB_URI"))
                .endsWith("&readPreference=secondaryPreferred"), "the backup job reads from a secondary when one is up");
    }

    @Test
    void manageDockerAddsTheSecondFileOnlyWhenTheProfileIsOn() {
        assertEquals("docker-compose.yml:" + OVERLAY, composeFileFor("replicaset", "").output());
        assertEquals("docker-compose.yml:" + OVERLAY, composeFileFor("monitoring, replicaset", "").output());
        assertEquals("docker-compose.yml", composeFileFor("monitoring", "").output());
        assertEquals("docker-compose.yml", composeFileFor("replicasets", "").output());
    }

    @Test
    void anAppOnlyHostUsesTheExistingSetsUriAndCannotAlsoRunTheProfile() {
        String uri = "mongodb://u:p@db1:27017,db2:27017,db3:27017/todolist?replicaSet=rs0&retryWrites=true&w=majority";
        assertEquals("docker-compose.yml:docker-compose.external-mongodb.yml", composeFileFor("", uri).output());
        Command.Result both = composeFileFor("replicaset", uri);
        assertEquals(2, both.exitCode(), both.output());
        assertTrue(both.output().contains("exclude each other"), both.output());
    }

    /** The Compose files manage-docker.sh names (off podman) for COMPOSE_PROFILES=PROFILES and MONGODB_URI=URI in .env. */
    private static Command.Result composeFileFor(String profiles, String uri) {
        // A directory of its own for that .env; the parts are the bundle's.
        Path directory = bundle.resolve("target-database-mode");
        String script = "set -euo pipefail; unset DOCKER_HOST COMPOSE_FILE; BUNDLE_DIR=\"$PWD/target-database-mode\";"
                + " source lib/common.sh; source lib/compose.sh; source lib/database.sh; COMPOSE=(docker-compose);"
                + " choose_compose_files; files=\"${COMPOSE_FILES[*]}\"; files=\"${files#-f }\"; printf '%s' \"${files// -f /:}\"";
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(".env"), "MONGODB_URI=" + uri + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Command.run(List.of("bash", "-c", script), bundle, Map.of("COMPOSE_PROFILES", profiles), Duration.ofSeconds(30));
    }

    @Test
    @Needs(Prerequisite.SHELLCHECK)
    void theInitScriptIsShellcheckClean() {
        Command.run(List.of("shellcheck", "mongodb/replicaset-init.sh"), bundle, Map.of(), Duration.ofMinutes(1))
                .assertSuccess("shellcheck mongodb/replicaset-init.sh");
    }

    @Test
    void theInitScriptRefusesSettingsThatCannotMakeASet() {
        Map<Map<String, String>, String> refusals = Map.of(
                Map.of("MONGODB_REPLICA_SET", "rs0", "MONGODB_MEMBERS", "a:1,b:1,c:1"), "MONGO_INITDB_ROOT_USERNAME and /run/secrets/mongodb_root_password are needed",
                Map.of("MONGODB_REPLICA_SET", "rs 0", "MONGODB_MEMBERS", "a:1,b:1,c:1"), "MONGODB_REPLICA_SET must be",
                Map.of("MONGODB_REPLICA_SET", "rs0", "MONGODB_MEMBERS", "a:1,b:1"), "an odd number of members, at least 3",
                Map.of("MONGODB_REPLICA_SET", "rs0", "MONGODB_MEMBERS", "a:1,b:1,c:1,d:1"), "an odd number of members, at least 3");
        refusals.forEach((environment, message) -> {
            Command.Result result = Command.run(List.of("bash", "mongodb/replicaset-init.sh"), bundle, environment, Duration.ofSeconds(30));
            assertEquals(1, result.exitCode(), environment + ": " + result.output());
            assertTrue(result.output().contains(message), environment + ": " + result.output());
        });
    }
}
