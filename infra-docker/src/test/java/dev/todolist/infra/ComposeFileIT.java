package dev.todolist.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged compose file: valid for the compose-spec schema and for Debian's docker-compose
 * 1.29, and true to the plan's policy (restart, logs, limits, exposure, networks, secrets).
 */
class ComposeFileIT {

    private static final List<String> SERVICES = List.of("todolist-app", "mongodb", "nginx", "healthcheck", "backup",
            "prometheus", "mongodb-2", "mongodb-3", "mongodb-init");
    /** The replica set's members: the mongo:7 server, as `mongodb` (profile replicaset, ReplicaSetProfileIT). */
    private static final List<String> MONGODB_SERVERS = List.of("mongodb", "mongodb-2", "mongodb-3");
    /** Runs once and exits: not restarted, nothing to probe. */
    private static final String ONE_SHOT = "mongodb-init";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path bundle;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void unpackTheBundle() throws IOException {
        bundle = Bundle.unpack("compose-file-it");
        compose = new Yaml().load(Files.readString(bundle.resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    static Set<ValidationMessage> schemaErrors(Object document) {
        // This generation of the schema still carries draft-04 style "id" annotations: not a keyword of 2019-09.
        JsonMetaSchema metaSchema = JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                .keyword(new NonValidationKeyword("id"))
                .build();
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909, b -> b.metaSchema(metaSchema))
                .getSchema(SchemaLocation.of("classpath:compose-spec/compose-spec.json"));
        JsonNode node = JSON.valueToTree(document);
        return schema.validate(node);
    }

    @Test
    void composeFileIsValidForTheComposeSpecSchema() {
        Set<ValidationMessage> errors = schemaErrors(compose);
        assertTrue(errors.isEmpty(), "compose-spec schema errors: " + errors);
    }

    @Test
    @SuppressWarnings("unchecked")
    void schemaRejectsAnUnknownServiceKey() throws IOException {
        // A deep copy (the file's anchors make shared nodes, which a YAML round trip would alias).
        Map<String, Object> broken = JSON.readValue(JSON.writeValueAsString(compose), Map.class);
        ((Map<String, Object>) ((Map<String, Object>) broken.get("services")).get("nginx")).put("restart_policy", "always");

        Set<ValidationMessage> errors = schemaErrors(broken);

        assertFalse(errors.isEmpty(), "the schema check must be able to fail");
        assertTrue(errors.toString().contains("restart_policy"), errors.toString());
    }

    @Test
    @Needs(Prerequisite.DOCKER_COMPOSE)
    void debiansDockerComposeAcceptsTheFileWithTheExampleSettings() throws IOException {
        Path dir = Bundle.unpack("compose-file-it-config");
        Files.copy(dir.resolve(".env.example"), dir.resolve(".env"));
        Command.Result config = Command.run(List.of("docker-compose", "--profile", "monitoring", "config"),
                dir, Map.of(), Duration.ofMinutes(1)).assertSuccess("docker-compose config");

        // The resolved file names the release's images and every service, profile included.
        for (String service : SERVICES) {
            assertTrue(config.output().contains("  " + service + ":"), service + " missing in:\n" + config.output());
        }
        assertTrue(config.output().contains("image: localhost/todolist-api:" + Bundle.version()), config.output());
        assertTrue(config.output().contains("0.0.0.0:443:8443/tcp"), config.output());

        Command.Result podman = Command.run(List.of("docker-compose", "-f", "docker-compose.yml", "-f", "docker-compose.podman.yml",
                "config"), dir, Map.of(), Duration.ofMinutes(1)).assertSuccess("docker-compose config with the podman file");
        assertTrue(podman.output().contains("subnet: 172.31.240.0/24") && podman.output().contains("driver: host-local"),
                podman.output());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceRestartsUnlessStoppedLogsToRotatedJsonFilesAndHasThePlansLimits() {
        assertEquals(new TreeSet<>(SERVICES), new TreeSet<>(services.keySet()));
        services.forEach((name, service) -> {
            assertEquals(name.equals(ONE_SHOT) ? "no" : "unless-stopped", service.get("restart"), name);
            Map<String, Object> logging = (Map<String, Object>) service.get("logging");
            assertEquals("json-file", logging.get("driver"), name);
            assertEquals(Map.of("max-size", "10m", "max-file", "3"), logging.get("options"), name);
            Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) service.get("deploy")).get("resources");
            assertEquals(Map.of("cpus", "1.0", "memory", "512M"), resources.get("limits"), name);
            assertEquals(Map.of("memory", "256M"), resources.get("reservations"), name);
            Map<String, Object> healthcheck = (Map<String, Object>) service.get("healthcheck");
            assertTrue(name.equals(ONE_SHOT) ? Boolean.TRUE.equals(healthcheck.get("disable"))
                    : !((List<Object>) healthcheck.get("test")).isEmpty(), name);
            assertTrue(((List<String>) service.get("security_opt")).contains("no-new-privileges:true"), name);
            assertEquals(List.of("ALL"), service.get("cap_drop"), name);
            // Named by Compose after COMPOSE_PROJECT_NAME: two stacks can live on one host.
            assertFalse(service.containsKey("container_name"), name + " has a fixed container name");
        });
    }

    @Test
    void theHardeningAndTheHealthcheckRhythmAreWrittenOnce() throws IOException {
        String raw = Files.readString(bundle.resolve("docker-compose.yml"));
        for (String once : List.of("no-new-privileges", "max-size", "memory: 512M", "interval:", "/dev/tcp/127.0.0.1/")) {
            assertEquals(1, raw.split(Pattern.quote(once), -1).length - 1, once + " must appear once (in an x- anchor)");
        }
    }

    @Test
    void onlyNginxPublishesPortsAndOnlyFromItsUnprivilegedPorts() {
        services.forEach((name, service) -> {
            if (!name.equals("nginx")) {
                assertFalse(service.containsKey("ports"), name + " publishes ports");
                assertFalse(service.containsKey("network_mode"), name);
            }
        });
        assertEquals(List.of("${NGINX_BIND_ADDRESS:-0.0.0.0}:${NGINX_HTTP_PORT:-80}:8080",
                "${NGINX_BIND_ADDRESS:-0.0.0.0}:${NGINX_HTTPS_PORT:-443}:8443"), services.get("nginx").get("ports"));
    }

    /**
     * The app believes X-Forwarded-* from todolist-external's subnet only, fixed in the file (and
     * configurable); the podman addition states the same subnet with the IPAM option podman reports.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theAppTrustsTheFixedSubnetOfItsNetworkWithNginxWhichThePodmanFileRepeats() throws IOException {
        String subnet = "${TODOLIST_EXTERNAL_SUBNET:-172.31.240.0/24}";
        Map<String, Object> environment = (Map<String, Object>) services.get("todolist-app").get("environment");
        assertEquals(subnet, environment.get("TODOLIST_WEB_TRUSTED_PROXIES"));
        Map<String, Map<String, Object>> networks = (Map<String, Map<String, Object>>) compose.get("networks");
        Map<String, Object> ipam = (Map<String, Object>) networks.get("todolist-external").get("ipam");
        assertEquals(List.of(Map.of("subnet", subnet)), ipam.get("config"));
        assertFalse(ipam.containsKey("options"), "on Docker the network carries no IPAM option");

        Map<String, Object> podman = new Yaml().load(Files.readString(bundle.resolve("docker-compose.podman.yml")));
        Map<String, Object> podmanIpam = (Map<String, Object>) ((Map<String, Map<String, Object>>) podman.get("networks"))
                .get("todolist-external").get("ipam");
        assertEquals(ipam.get("config"), podmanIpam.get("config"));
        assertEquals(Map.of("driver", "host-local"), podmanIpam.get("options"));
        assertEquals(Set.of("networks"), podman.keySet(), "the podman addition changes the network only");
        assertTrue(schemaErrors(podman).isEmpty(), schemaErrors(podman).toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void mongodbIsOnlyOnTheInternalNetworkWhichHasNoRouteOut() {
        Map<String, Map<String, Object>> networks = (Map<String, Map<String, Object>>) compose.get("networks");
        assertEquals(Boolean.TRUE, networks.get("todolist-internal").get("internal"));
        assertFalse(Boolean.TRUE.equals(networks.get("todolist-external").get("internal")));
        assertEquals(List.of("todolist-internal"), services.get("mongodb").get("networks"));
        assertEquals(List.of("todolist-internal"), services.get("backup").get("networks"));
        assertEquals(List.of("todolist-internal", "todolist-external"), services.get("todolist-app").get("networks"));
        assertEquals(List.of("todolist-external"), services.get("nginx").get("networks"));
        assertEquals("${MONGO_IMAGE:-mongo:7}", services.get("mongodb").get("image"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void dependenciesWaitForHealthyServices() {
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                ((Map<String, Map<String, Object>>) dependsOn).forEach((dependency, condition) ->
                        assertEquals("service_healthy", condition.get("condition"), name + " -> " + dependency));
            }
        });
        assertTrue(((Map<String, Object>) services.get("nginx").get("depends_on")).containsKey("todolist-app"));
        assertTrue(((Map<String, Object>) services.get("todolist-app").get("depends_on")).containsKey("mongodb"));
    }

    @Test
    void ourImagesArePinnedToTheReleaseVersion() {
        for (String service : List.of("todolist-app", "healthcheck", "backup")) {
            // ${TODOLIST_..._IMAGE:-localhost/todolist-...:<version>}: the release's tag unless .env pins another
            // reference, or (the app) manage-docker.sh upgrade/rollback exports another tag from its state file.
            String image = String.valueOf(services.get(service).get("image"));
            assertTrue(image.startsWith("${TODOLIST_") && image.contains(":-localhost/todolist-")
                    && image.endsWith(":" + Bundle.version() + "}"), service + ": " + image);
        }
    }

    @Test
    void servicesRunWithoutRootAndReadOnlyWhereTheImageAllows() {
        services.forEach((name, service) -> {
            if (MONGODB_SERVERS.contains(name)) {
                // mongo's entrypoint must start as root to chown /data/db, and writes outside it on its first start.
                assertFalse(service.containsKey("user"), name);
                return;
            }
            String user = String.valueOf(service.get("user"));
            assertFalse(user.startsWith("0:") || user.equals("root") || user.equals("null"), name + " runs as " + user);
            assertEquals(Boolean.TRUE, service.get("read_only"), name);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void noPlaintextSecretInAnyEnvironment() {
        Pattern secretName = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|WEBHOOK|_URI).*");
        Pattern credentials = Pattern.compile("^[a-z+]+://([^@/]*)@");
        Pattern interpolationOnly = Pattern.compile("^(\\$\\{[A-Z_]+(:-)?\\})(:\\$\\{[A-Z_]+(:-)?\\})?$");
        services.forEach((name, service) -> {
            Map<String, Object> environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            environment.forEach((key, raw) -> {
                String value = String.valueOf(raw);
                if (!secretName.matcher(key).matches()) {
                    return;
                }
                Matcher userInfo = credentials.matcher(value);
                if (userInfo.find()) {
                    assertTrue(interpolationOnly.matcher(userInfo.group(1)).matches(),
                            name + " " + key + " carries literal credentials");
                } else if (!value.startsWith("mongodb://")) {
                    assertTrue(value.isEmpty() || value.startsWith("${") || value.startsWith("/run/secrets/"),
                            name + " " + key + " = " + value);
                }
            });
        });
        assertEquals("/run/secrets/mongodb_root_password",
                ((Map<String, Object>) services.get("mongodb").get("environment")).get("MONGO_INITDB_ROOT_PASSWORD_FILE"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusIsAnOptionalProfileOnTheInternalNetwork() {
        Map<String, Object> prometheus = services.get("prometheus");
        assertEquals(List.of("monitoring"), prometheus.get("profiles"));
        assertEquals(List.of("todolist-internal"), prometheus.get("networks"));
        services.forEach((name, service) -> {
            if (name.startsWith("mongodb-")) {
                assertEquals(List.of("replicaset"), service.get("profiles"), name);
            } else if (!name.equals("prometheus")) {
                assertFalse(service.containsKey("profiles"), name + " must start by default");
            }
        });
    }

    @Test
    void envExampleDocumentsEveryVariableTheComposeFileUsesAndThePlans() throws IOException {
        String example = Files.readString(bundle.resolve(".env.example"));
        Set<String> defined = new TreeSet<>();
        // A commented-out assignment documents an optional variable (its default lives in rules/).
        Matcher assignment = Pattern.compile("(?m)^#?([A-Z_]+)=").matcher(example);
        while (assignment.find()) {
            defined.add(assignment.group(1));
        }
        Set<String> used = new TreeSet<>();
        Matcher reference = Pattern.compile("\\$\\{([A-Z_]+)").matcher(Files.readString(bundle.resolve("docker-compose.yml")));
        while (reference.find()) {
            used.add(reference.group(1));
        }
        assertTrue(defined.containsAll(used), "not in .env.example: " + difference(used, defined));
        List<String> plan = List.of("NODE_ENV", "APP_PORT", "SESSION_SECRET", "MONGO_INITDB_ROOT_USERNAME",
                "MONGO_INITDB_ROOT_PASSWORD", "MONGO_INITDB_DATABASE", "NGINX_HTTP_PORT", "NGINX_HTTPS_PORT", "ALERT_WEBHOOK_URL");
        assertTrue(defined.containsAll(plan), "plan variables missing: " + difference(Set.copyOf(plan), defined));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    @Test
    void bundleHoldsTheDocumentedLayoutAndNoSecret() {
        String listing = Command.run(List.of("tar", "-tvzf", Bundle.archive().toString()), Duration.ofMinutes(1))
                .assertSuccess("listing the bundle").output();
        String top = "infra-docker-" + Bundle.version() + "/";
        for (String file : List.of("docker-compose.yml", ".env.example", "manage-docker.sh", "README.md",
                "nginx/nginx.conf", "nginx/conf.d/todolist.conf", "nginx/snippets/tls.conf", "nginx/errors/502.json",
                "nginx/static/favicon.ico", "prometheus/prometheus.yml", "prometheus/alert-rules.yml", "certs/README",
                "docker-compose.podman.yml", "lib/common.sh", "lib/compose.sh", "lib/env-checks.sh", "lib/host-files.sh", "lib/backup.sh",
                "lib/instances.sh", "lib/upgrade.sh", "lib/database.sh", "docker-compose.replicaset.yml",
                "docker-compose.external-mongodb.yml",
                "mongodb/replicaset-init.sh",
                "rules/secret-rules.env", "rules/retention.env")) {
            assertTrue(listing.contains(top + file), file + " missing:\n" + listing);
        }
        assertTrue(listing.lines().anyMatch(l -> l.startsWith("-rwxr-xr-x") && l.endsWith(top + "manage-docker.sh")), listing);
        assertFalse(listing.contains(top + ".env\n") || listing.endsWith(top + ".env"), "the bundle must not ship a .env");
        assertFalse(listing.contains(".key"), "the bundle must not ship a private key");
        assertFalse(listing.contains("@project.version@"));
    }
}
