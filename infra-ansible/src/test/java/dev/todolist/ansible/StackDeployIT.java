package dev.todolist.ansible;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.todolist.testing.Prerequisite.ANSIBLE;
import static dev.todolist.testing.Prerequisite.CURL;
import static dev.todolist.testing.Prerequisite.FLOCK;
import static dev.todolist.testing.Prerequisite.PODMAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packed infra-ansible-&lt;version&gt;.tar.gz deploys the REAL stack on this machine, with podman
 * (through its Docker-API socket) as the engine, and then deploys a new version over it.
 *
 * <p>What is not production here, as in the infra-docker proof whose adaptation this reuses
 * (infra-docker/src/test/stack/prepare-podman-local.sh; its override is installed through the
 * role's todolist_compose_override_src): a MongoDB-WIRE STAND-IN (mongo-java-server + H2, persisting under
 * data/mongodb) runs in place of mongo:7, which cannot be had here; nginx is Debian's 1.22 image;
 * every service gets explicit ulimits. nginx is published on 127.0.0.1 high ports, the root and
 * the cron file live in a temporary directory. Everything else (the role, the bundle, the images,
 * manage-docker.sh, the backup job) is what ships.
 *
 * <p>The whole run holds {@code flock /tmp/todolist-stack.lock}: the stack's container names are
 * fixed, so two stacks (this and the infra-docker proof) must never run at once.
 */
@Needs({PODMAN, ANSIBLE, FLOCK, CURL})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackDeployIT {

    private static final String PODMAN_SOCKET = "unix://" + Prerequisite.podmanSocket();
    private static final String LOCK_FILE = "/tmp/todolist-stack.lock";
    private static final List<String> OWN_IMAGES = List.of("todolist-api", "todolist-backup", "todolist-monitor");
    private static final String NEXT_SUFFIX = "-next";
    private static final String SURVIVOR = "written before the upgrade";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Process lock;
    private static Path work;
    private static Path controller;
    private static Path root;
    private static Path inventory;
    private static Path override;
    private static String dockerHost;
    private static int httpsPort;
    private static int httpPort;
    private static Ansible ansible;
    private static StackApi api;
    private static Map<String, String> secrets;

    @BeforeAll
    static void engineLockImagesAndController() throws IOException {
        dockerHost = System.getenv().getOrDefault("DOCKER_HOST", PODMAN_SOCKET);
        lock = takeStackLock();
        refuseLeftoverContainers();
        ensureImages();

        work = Files.createTempDirectory("stack-deploy-it-");
        controller = unpack(Path.of(Ansible.requiredProperty("todolist.ansible.bundle")), work.resolve("controller"));
        // The role's manage-docker.sh calls inherit this (connection local): podman without systemd
        // gets its healthchecks run every 2 s instead of 5, as in infra-docker's StackIT.
        ansible = new Ansible(controller, Map.of("TODOLIST_HEALTH_TICK_SECONDS", "2"));
        inventory = Ansible.localInventory(work, "production");
        root = work.resolve("host/opt/todolist");
        Files.createDirectories(work.resolve("host/etc/cron.d"));
        override = prepareForPodman();
        httpsPort = freeLoopbackPort();
        httpPort = freeLoopbackPort();
        api = new StackApi("https://127.0.0.1:" + httpsPort);
    }

    @AfterAll
    static void removeStackAndReleaseLock() throws IOException, InterruptedException {
        try {
            if (work == null) {
                return;
            }
            if (root != null && Files.isExecutable(root.resolve("manage-docker.sh"))) {
                Ansible.Result cleanup = run(List.of(root.resolve("manage-docker.sh").toString(), "cleanup", "--yes"), root);
                System.out.println("manage-docker.sh cleanup --yes: exit " + cleanup.exitCode() + "\n" + cleanup.output());
            }
            for (String image : OWN_IMAGES) {
                run(List.of("podman", "rmi", "localhost/" + image + ":" + Ansible.version() + NEXT_SUFFIX), work);
            }
            deleteTree(work);
        } finally {
            if (lock != null) {
                lock.getOutputStream().close();
                lock.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Order(1)
    void playbookDeploysTheStackUntilHealthThroughNginxSaysOk() throws IOException {
        Ansible.Result deploy = deploy(Ansible.version());

        deploy.assertSucceeded("first deploy");
        assertEquals("changed", deploy.status("TASK [todolist : Deploy | Start the stack]"), deploy::describe);
        assertEquals("ok", deploy.status("TASK [todolist : Verify | Wait until /health says OK]"), deploy::describe);
        assertEquals("OK", api.health().path("status").asText());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(root.resolve(".env"))));
        assertEquals(Ansible.version(), imageTagOf("todolist-app"));
        assertNoSecretIn(deploy);
    }

    @Test
    @Order(2)
    void secondDeployOfTheSameReleaseChangesNothing() {
        Ansible.Result again = deploy(Ansible.version());

        again.assertSucceeded("second deploy");
        assertEquals(0, again.recap().changed(), again::describe);
    }

    @Test
    @Order(3)
    void deployOfANewVersionBacksUpFirstAndKeepsTheData() throws IOException {
        String survivor = api.createTodo(SURVIVOR);
        String next = Ansible.version() + NEXT_SUFFIX;
        publishRelease(next);

        Ansible.Result upgrade = deploy(next);

        upgrade.assertSucceeded("deploy of " + next);
        String output = upgrade.output();
        // A new release is rolled out by manage-docker.sh upgrade (a backup, then one API instance at
        // a time), reported by the next handler, then start applies the rest; no restart.
        assertEquals("changed", upgrade.status("RUNNING HANDLER [todolist : Upgrade the running stack one API instance at a time]"),
                upgrade::describe);
        assertEquals("changed", upgrade.status("RUNNING HANDLER [todolist : Apply the rest of the new release]"), upgrade::describe);
        // The restart handler listens to the same notification: a new release skips it (or it is not listed).
        assertNotEquals("changed", upgrade.status("RUNNING HANDLER [todolist : Update the running stack]"), upgrade::describe);
        Matcher written = Pattern.compile("backup written: \\./backups/(\\S+\\.archive\\.gz)").matcher(output);
        assertTrue(written.find() && output.indexOf("upgraded to " + next) > written.start(), upgrade::describe);
        assertTrue(Files.size(root.resolve("backups").resolve(written.group(1))) > 0, "empty " + written.group(1));
        assertEquals(next, imageTagOf("todolist-app"));
        assertEquals(next, imageTagOf("backup"));
        assertEquals("OK", api.health().path("status").asText());
        assertTrue(api.todoTitles().contains(SURVIVOR), "todo " + survivor + " lost in the upgrade");
        assertNoSecretIn(upgrade);
    }

    private static void assertNoSecretIn(Ansible.Result result) {
        if (secrets == null) {
            // Decrypted once: each read is an ansible run.
            secrets = ansible.variables(inventory, "production", List.of("vault_mongodb_password", "vault_session_secret"));
        }
        secrets.forEach((name, secret) ->
                assertTrue(secret.length() >= 12 && !result.output().contains(secret), name + " printed:\n" + result.describe()));
    }

    private static Ansible.Result deploy(String version) {
        long started = System.nanoTime();
        Ansible.Result result = ansible.playbook(List.of("-i", inventory.toString(),
                "-e", "todolist_version=" + version,
                "-e", "todolist_root=" + root,
                "-e", "todolist_docker_host=" + dockerHost,
                "-e", "todolist_compose_override_src=" + override,
                "-e", "todolist_nginx_bind_address=127.0.0.1",
                "-e", "todolist_http_port=" + httpPort,
                "-e", "todolist_https_port=" + httpsPort,
                "-e", "todolist_tls_self_signed_name=localhost",
                "-e", "todolist_backup_cron_file=" + work.resolve("host/etc/cron.d/todolist-backup"),
                "ansible-deploy.yml"));
        System.out.printf("StackDeployIT: ansible-playbook deploying %s took %.1f s (exit %d)%n",
                version, (System.nanoTime() - started) / 1e9, result.exitCode());
        return result;
    }

    /** A new release as an operator receives it: images with the new tag, and their bundle. */
    private static void publishRelease(String next) throws IOException {
        for (String image : OWN_IMAGES) {
            run(List.of("podman", "tag", "localhost/" + image + ":" + Ansible.version(), "localhost/" + image + ":" + next), work)
                    .assertSucceeded("tagging " + image);
        }
        Path staging = work.resolve("next");
        Path bundle = unpack(Ansible.composeBundle(controller), staging);
        Path compose = bundle.resolve("docker-compose.yml");
        String pinned = Files.readString(compose);
        // A tag ends its line (mongo, nginx) or a ${..._IMAGE:-default} that .env may override (our images).
        String repinned = pinned.replaceAll(":" + java.util.regex.Pattern.quote(Ansible.version()) + "(?=[}\n])", ":" + next);
        assertTrue(!repinned.equals(pinned), "no image pinned to " + Ansible.version() + " in " + compose);
        Files.writeString(compose, repinned);
        Path renamed = Files.move(bundle, staging.resolve("infra-docker-" + next));
        run(List.of("tar", "-czf", controller.resolve("files/infra-docker-" + next + ".tar.gz").toString(),
                "-C", staging.toString(), renamed.getFileName().toString()), work).assertSucceeded("packing " + next);
    }

    /** flock(1) holds the lock while its stdin stays open; a JVM that dies releases it. */
    private static Process takeStackLock() throws IOException {
        Process process = new ProcessBuilder("flock", "-x", "-w", "1200", LOCK_FILE, "sh", "-c", "echo locked; exec cat >/dev/null")
                .redirectErrorStream(true).start();
        System.out.println("StackDeployIT: waiting for " + LOCK_FILE);
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (!"locked".equals(line)) {
            process.destroy();
            fail("flock " + LOCK_FILE + " failed: " + line);
        }
        return process;
    }

    /** Containers of an earlier run are named like ours: never remove what this run did not make. */
    private static void refuseLeftoverContainers() {
        Ansible.Result leftovers = run(List.of("podman", "ps", "-a", "--format", "{{.Names}}",
                "--filter", "label=com.docker.compose.project=todolist-prod"), Path.of("."));
        if (!leftovers.output().isBlank()) {
            fail("Containers of another todolist stack exist (" + leftovers.output().trim().replace('\n', ' ')
                    + "): remove them (podman rm -f NAME) before the end-to-end deploy.");
        }
    }

    /** The stack's own images at this version, loaded by the reactor's -Pimages build (infra-docker's proof). */
    private static void ensureImages() {
        List<String> missing = OWN_IMAGES.stream().map(image -> "localhost/" + image + ":" + Ansible.version())
                .filter(image -> run(List.of("podman", "image", "exists", image), Path.of(".")).exitCode() != 0)
                .toList();
        if (!missing.isEmpty()) {
            fail("No image " + missing + " in podman: build and load them with ./mvnw -Pimages"
                    + " -Djib.from.image=tar:///var/cache/todolist/todolist-jre-17.tar verify (the reactor builds"
                    + " infra-docker's proof, which loads them, before this module).");
        }
    }

    /**
     * The infra-docker proof's own adaptation of a bundle to this machine
     * (src/test/stack/prepare-podman-local.sh: the local override and the MongoDB-wire stand-in's
     * classpath), run on a scratch copy of the shipped bundle. The role installs the override
     * (todolist_compose_override_src); the stand-in's classpath is put next to the stack.
     */
    private static Path prepareForPodman() throws IOException {
        Path script = Path.of(Ansible.requiredProperty("todolist.infra.docker"), "src/test/stack/prepare-podman-local.sh");
        Path scratch = unpack(Ansible.composeBundle(controller), work.resolve("podman-local"));
        run(List.of("bash", script.toString(), scratch.toString()), work).assertSucceeded("prepare-podman-local.sh");
        copyTree(scratch.resolve("standin"), root.resolve("standin"));
        return scratch.resolve("docker-compose.override.yml");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The tag of the image SERVICE's container runs (found by the labels Compose sets: names are Compose's). */
    private static String imageTagOf(String service) {
        Ansible.Result id = run(List.of("podman", "ps", "-aq", "--filter", "label=com.docker.compose.project=todolist-prod",
                "--filter", "label=com.docker.compose.service=" + service), Path.of("."));
        id.assertSucceeded("finding the container of " + service);
        String container = id.output().trim();
        Ansible.Result image = run(List.of("podman", "inspect", "--format", "{{.ImageName}}", container), Path.of("."));
        image.assertSucceeded("inspecting " + container);
        String name = image.output().trim();
        return name.substring(name.lastIndexOf(':') + 1);
    }

    private static Path unpack(Path tarGz, Path into) throws IOException {
        Files.createDirectories(into);
        run(List.of("tar", "-xzf", tarGz.toString(), "-C", into.toString()), into).assertSucceeded("unpacking " + tarGz);
        try (Stream<Path> entries = Files.list(into)) {
            List<Path> top = entries.filter(Files::isDirectory).toList();
            assertEquals(1, top.size(), tarGz + " must hold one top directory: " + top);
            return top.get(0);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static Ansible.Result run(List<String> command, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("DOCKER_HOST", dockerHost);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            return new Ansible.Result(command, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * The API through nginx's HTTPS (self-signed certificate, hence curl -k), signed in when the
     * API has accounts (POST /api/v1/users answers 201) and anonymous while it has none.
     */
    static final class StackApi {
        private final String base;
        private String token;

        StackApi(String base) {
            this.base = base;
        }

        JsonNode health() throws IOException {
            return JSON.readTree(call("GET", "/health", null).body());
        }

        String createTodo(String title) throws IOException {
            Response created = call("POST", "/api/v1/todos", Map.of("title", title));
            assertEquals(201, created.status(), created.body());
            return JSON.readTree(created.body()).path("id").asText();
        }

        List<String> todoTitles() throws IOException {
            Response list = call("GET", "/api/v1/todos?size=100", null);
            assertEquals(200, list.status(), list.body());
            List<String> titles = new ArrayList<>();
            JSON.readTree(list.body()).forEach(todo -> titles.add(todo.path("title").asText()));
            return titles;
        }

        private void signInWhenTheApiHasAccounts() throws IOException {
            if (token != null) {
                return;
            }
            Map<String, String> account = Map.of("email", "e2e-ansible@example.org", "password", "e2e-ansible-password-1");
            Response signUp = curl("POST", "/api/v1/users", account, null);
            if (signUp.status() == 404) {
                token = "";
                return;
            }
            assertTrue(signUp.status() == 201 || signUp.status() == 409, "sign-up: " + signUp);
            Response signIn = curl("POST", "/api/v1/sessions", account, null);
            assertEquals(201, signIn.status(), signIn.body());
            token = JSON.readTree(signIn.body()).path("token").asText();
        }

        private Response call(String method, String path, Object body) throws IOException {
            if (path.startsWith("/api/")) {
                signInWhenTheApiHasAccounts();
            }
            return curl(method, path, body, token == null || token.isEmpty() ? null : token);
        }

        private Response curl(String method, String path, Object body, String bearer) throws IOException {
            List<String> command = new ArrayList<>(List.of("curl", "-ksS", "--max-time", "30", "-X", method,
                    "-H", "Accept: application/json", "-w", "\n%{http_code}"));
            if (bearer != null) {
                command.addAll(List.of("-H", "Authorization: Bearer " + bearer));
            }
            if (body != null) {
                command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", JSON.writeValueAsString(body)));
            }
            command.add(base + path);
            Ansible.Result result = run(command, Path.of("."));
            result.assertSucceeded("curl " + method + " " + path);
            String output = result.output();
            int newline = output.lastIndexOf('\n');
            return new Response(Integer.parseInt(output.substring(newline + 1).trim()), output.substring(0, newline));
        }
    }

    record Response(int status, String body) {
    }
}
