package dev.todolist.ansible;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped playbook against this machine (connection local) into a temporary root. Real runs
 * take the stages that need no container engine: files, secrets (tag config) and the nightly
 * backup (tag cron), with the real bundle of the release; check runs take every stage. The engine
 * stages run for real in StackDeployIT.
 */
@Needs(Prerequisite.ANSIBLE)
class LocalDeployTest {

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();

    @TempDir
    Path work;
    private Ansible ansible;
    private Path inventory;
    private Path root;
    private Path cronFile;

    @BeforeEach
    void freshRoot() throws IOException {
        // The bundle comes from the role's default place, files/ next to the playbook.
        Ansible.composeBundle(Ansible.shippedPlaybookDirectory());
        ansible = new Ansible(Ansible.shippedPlaybookDirectory());
        inventory = Ansible.localInventory(work, "production");
        root = work.resolve("opt/todolist");
        cronFile = Files.createDirectories(work.resolve("etc/cron.d")).resolve("todolist-backup");
    }

    @Test
    void firstRunConvergesAndTheSecondChangesNothing() throws IOException {
        Ansible.Result first = deploy();
        first.assertSucceeded("first run");
        assertTrue(first.recap().changed() > 0, first::describe);
        assertTrue(Files.isExecutable(root.resolve("manage-docker.sh")), "bundle unpacked without its top directory");
        assertTrue(Files.isRegularFile(root.resolve("docker-compose.yml")));
        assertTrue(Files.isDirectory(root.resolve("data/mongodb")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data/mongodb"))));

        Ansible.Result second = deploy();
        second.assertSucceeded("second run");
        assertEquals(0, second.recap().changed(), second::describe);
    }

    @Test
    void envFileIsPrivateAndHoldsTheVaultedSecrets() throws IOException {
        deploy().assertSucceeded("deploy");

        Path env = root.resolve(".env");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        List<String> lines = Files.readAllLines(env);
        assertTrue(lines.contains("MONGO_INITDB_ROOT_PASSWORD=" + secret("vault_mongodb_password")), lines::toString);
        assertTrue(lines.contains("SESSION_SECRET=" + secret("vault_session_secret")), lines::toString);
        assertTrue(lines.contains("NODE_ENV=production"), lines::toString);
        assertTrue(lines.contains("COMPOSE_PROJECT_NAME=todolist-prod"), lines::toString);
    }

    @Test
    void nightlyBackupRunsTheStacksOwnScriptAtTwo() throws IOException {
        deploy().assertSucceeded("deploy");

        assertTrue(Files.readAllLines(cronFile).contains("0 2 * * * root " + root.resolve("manage-docker.sh") + " backup 2>&1 | logger -t todolist-backup"),
                () -> read(cronFile));
    }

    @Test
    void checkModeOnAFreshHostChangesNothingAndPrintsNoSecret() {
        Ansible.Result check = deploy("--check", "--diff");

        check.assertSucceeded("check mode on a fresh host");
        assertTrue(check.recap().changed() > 0, "check mode reports what a run would change:\n" + check.describe());
        assertFalse(Files.exists(root), "check mode created " + root);
        assertNoSecretIn(check);
    }

    @Test
    void checkModeOfAWholeDeployWithEngineInstallOnAFreshHostChangesNothing() {
        Ansible.Result check = ansible.playbook(List.of("-i", inventory.toString(), "--check", "--diff",
                "-e", "todolist_root=" + root,
                "-e", "todolist_backup_cron_file=" + cronFile,
                "-e", "todolist_engine_install=true",
                "-e", "todolist_engine_install_source=distribution",
                "ansible-deploy.yml"));

        check.assertSucceeded("check mode of every stage on a fresh host");
        // ok where the packages are there already (this machine has docker.io), changed elsewhere.
        assertTrue(List.of("ok", "changed").contains(
                check.status("TASK [todolist : Engine | Install the distribution's Docker and Compose]")), check::describe);
        assertEquals("changed", check.status("TASK [todolist : Secrets | Render .env from the vaulted variables]"),
                check::describe);
        assertEquals("skipping", check.status("TASK [todolist : Deploy | Start the stack]"), check::describe);
        assertFalse(Files.exists(root), "check mode created " + root);
        assertFalse(Files.exists(cronFile), "check mode wrote " + cronFile);
        assertNoSecretIn(check);
    }

    @Test
    void diffOfAChangedEnvFilePrintsNoSecret() throws IOException {
        deploy().assertSucceeded("deploy");
        Files.writeString(root.resolve(".env"), "SESSION_SECRET=edited-by-hand\n");

        Ansible.Result check = deploy("--check", "--diff", "-vvv");

        check.assertSucceeded("check mode");
        assertEquals(1, check.recap().changed(), check::describe);
        assertTrue(check.output().contains("the output has been hidden due to the fact that 'no_log: true'"), check::describe);
        assertNoSecretIn(check);
        assertEquals("SESSION_SECRET=edited-by-hand\n", read(root.resolve(".env")), "check mode wrote .env");
    }

    private void assertNoSecretIn(Ansible.Result result) {
        for (String name : List.of("vault_mongodb_password", "vault_session_secret")) {
            assertFalse(result.output().contains(secret(name)), name + " printed:\n" + result.describe());
        }
    }

    /** The decrypted example secrets, read once (each read is an ansible run). */
    private String secret(String name) {
        return SECRETS.computeIfAbsent(name, key -> ansible.variable(inventory, "production", key));
    }

    private Ansible.Result deploy(String... options) {
        List<String> arguments = new ArrayList<>(List.of("-i", inventory.toString(), "--tags", "config,cron",
                "-e", "todolist_root=" + root,
                "-e", "todolist_backup_cron_file=" + cronFile));
        arguments.addAll(List.of(options));
        arguments.add("ansible-deploy.yml");
        return ansible.playbook(arguments);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
