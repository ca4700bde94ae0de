package dev.todolist.ansible;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped playbook against this machine (connection local) into a temporary root. Real runs
 * take the stages that need no container engine: files, secrets (tag config) and the nightly
 * backup (tag cron), with the real bundle of the release; check runs take every stage. The engine
 * stages run for real in StackDeployIT.
 *
 * <p>One real run converges a host that the tests read (an Ansible run costs seconds); the test
 * that edits that host runs last. The check runs each get a fresh host.
 */
@Needs(Prerequisite.ANSIBLE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalDeployTest {

    private static final List<String> SECRET_NAMES = List.of("vault_mongodb_password", "vault_session_secret");

    @TempDir
    static Path work;
    private static Ansible ansible;
    private static Path inventory;
    /** The decrypted example secrets, read once (each read is an ansible run). */
    private static Map<String, String> secrets;
    private static Host converged;
    private static Ansible.Result firstRun;

    /** A host's stack directory and nightly backup file, under the temporary directory. */
    record Host(Path root, Path cronFile) {
    }

    @BeforeAll
    static void convergeAFreshHost() throws IOException {
        // The bundle comes from the role's default place, files/ next to the playbook.
        Ansible.composeBundle(Ansible.shippedPlaybookDirectory());
        ansible = new Ansible(Ansible.shippedPlaybookDirectory());
        inventory = Ansible.localInventory(work, "production");
        converged = freshHost("converged");
        firstRun = deploy(converged);
    }

    @Test
    @Order(1)
    void firstRunConvergesAndTheSecondChangesNothing() throws IOException {
        Path root = converged().root();
        assertTrue(firstRun.recap().changed() > 0, firstRun::describe);
        assertTrue(Files.isExecutable(root.resolve("manage-docker.sh")), "bundle unpacked without its top directory");
        assertTrue(Files.isRegularFile(root.resolve("docker-compose.yml")));
        assertTrue(Files.isDirectory(root.resolve("data/mongodb")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data/mongodb"))));

        Ansible.Result second = deploy(converged);
        second.assertSucceeded("second run");
        assertEquals(0, second.recap().changed(), second::describe);
    }

    @Test
    @Order(2)
    void envFileIsPrivateAndHoldsTheVaultedSecrets() throws IOException {
        Path env = converged().root().resolve(".env");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(env)));
        List<String> lines = Files.readAllLines(env);
        assertTrue(lines.contains("MONGO_INITDB_ROOT_PASSWORD=" + secret("vault_mongodb_password")), lines::toString);
        assertTrue(lines.contains("SESSION_SECRET=" + secret("vault_session_secret")), lines::toString);
        assertTrue(lines.contains("NODE_ENV=production"), lines::toString);
        assertTrue(lines.contains("COMPOSE_PROJECT_NAME=todolist-prod"), lines::toString);
    }

    @Test
    @Order(3)
    void nightlyBackupRunsTheStacksOwnScriptAtTwo() throws IOException {
        Host host = converged();
        assertTrue(Files.readAllLines(host.cronFile()).contains(
                        "0 2 * * * root " + host.root().resolve("manage-docker.sh") + " backup 2>&1 | logger -t todolist-backup"),
                () -> read(host.cronFile()));
    }

    @Test
    @Order(4)
    void checkModeOnAFreshHostChangesNothingAndPrintsNoSecret() throws IOException {
        Host fresh = freshHost("check");

        Ansible.Result check = deploy(fresh, "--check", "--diff");

        check.assertSucceeded("check mode on a fresh host");
        assertTrue(check.recap().changed() > 0, "check mode reports what a run would change:\n" + check.describe());
        assertFalse(Files.exists(fresh.root()), "check mode created " + fresh.root());
        assertNoSecretIn(check);
    }

    @Test
    @Order(5)
    void checkModeOfAWholeDeployWithEngineInstallOnAFreshHostChangesNothing() throws IOException {
        Host fresh = freshHost("check-all");

        Ansible.Result check = ansible.playbook(List.of("-i", inventory.toString(), "--check", "--diff",
                "-e", "todolist_root=" + fresh.root(),
                "-e", "todolist_backup_cron_file=" + fresh.cronFile(),
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
        assertFalse(Files.exists(fresh.root()), "check mode created " + fresh.root());
        assertFalse(Files.exists(fresh.cronFile()), "check mode wrote " + fresh.cronFile());
        assertNoSecretIn(check);
    }

    /** Last: it edits the converged host that the tests above read. */
    @Test
    @Order(6)
    void diffOfAChangedEnvFilePrintsNoSecret() throws IOException {
        Path env = converged().root().resolve(".env");
        Files.writeString(env, "SESSION_SECRET=edited-by-hand\n");

        Ansible.Result check = deploy(converged, "--check", "--diff", "-vvv");

        check.assertSucceeded("check mode");
        assertEquals(1, check.recap().changed(), check::describe);
        assertTrue(check.output().contains("the output has been hidden due to the fact that 'no_log: true'"), check::describe);
        assertNoSecretIn(check);
        assertEquals("SESSION_SECRET=edited-by-hand\n", read(env), "check mode wrote .env");
    }

    /** The host of the first run, which must have succeeded. */
    private static Host converged() {
        firstRun.assertSucceeded("first run");
        return converged;
    }

    private static void assertNoSecretIn(Ansible.Result result) {
        for (String name : SECRET_NAMES) {
            assertFalse(result.output().contains(secret(name)), name + " printed:\n" + result.describe());
        }
    }

    private static synchronized String secret(String name) {
        if (secrets == null) {
            secrets = ansible.variables(inventory, "production", SECRET_NAMES);
        }
        return secrets.get(name);
    }

    private static Host freshHost(String name) throws IOException {
        Path host = work.resolve(name);
        return new Host(host.resolve("opt/todolist"), Files.createDirectories(host.resolve("etc/cron.d")).resolve("todolist-backup"));
    }

    private static Ansible.Result deploy(Host host, String... options) {
        List<String> arguments = new ArrayList<>(List.of("-i", inventory.toString(), "--tags", "config,cron",
                "-e", "todolist_root=" + host.root(),
                "-e", "todolist_backup_cron_file=" + host.cronFile()));
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
