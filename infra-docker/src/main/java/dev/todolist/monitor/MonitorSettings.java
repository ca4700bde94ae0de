package dev.todolist.monitor;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitor's settings, from its environment.
 *
 * @param targets            what to poll, in order ({@code MONITOR_TARGETS}: {@code name=url,...},
 *                           url {@code http://}, {@code https://} or {@code tcp://host:port})
 * @param interval           time between two rounds ({@code MONITOR_INTERVAL_SECONDS}, 15)
 * @param timeout            per probe ({@code MONITOR_TIMEOUT_SECONDS}, 5)
 * @param failuresBeforeDown consecutive failed probes before a service counts as down, so that a
 *                           single slow answer pages nobody ({@code MONITOR_FAILURES_BEFORE_DOWN}, 2)
 * @param webhook            Slack-compatible incoming webhook ({@code ALERT_WEBHOOK_URL}, optional)
 * @param httpPort           port of the monitor's own {@code /health} and {@code /status}
 *                           ({@code MONITOR_HTTP_PORT}, 8082; 0 picks a free one)
 * @param stackName          how alerts name the stack ({@code MONITOR_STACK_NAME}, todolist-prod)
 * @param tlsTrustFile       PEM certificates that HTTPS targets must present, and the only ones
 *                           trusted ({@code MONITOR_TLS_TRUST_FILE}: the stack's own certificate;
 *                           unset: the JVM's CAs)
 */
public record MonitorSettings(
        List<Target> targets,
        Duration interval,
        Duration timeout,
        int failuresBeforeDown,
        Optional<URI> webhook,
        int httpPort,
        String stackName,
        Optional<Path> tlsTrustFile) {

    /** One polled service. */
    public record Target(String name, URI address) {
    }

    public MonitorSettings {
        targets = List.copyOf(targets);
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("MONITOR_TARGETS names no service");
        }
        if (failuresBeforeDown < 1) {
            throw new IllegalArgumentException("MONITOR_FAILURES_BEFORE_DOWN must be at least 1, got " + failuresBeforeDown);
        }
    }

    public static MonitorSettings fromEnvironment(Map<String, String> env) {
        return new MonitorSettings(
                parseTargets(env.getOrDefault("MONITOR_TARGETS", "")),
                Duration.ofSeconds(positive(env, "MONITOR_INTERVAL_SECONDS", 15)),
                Duration.ofSeconds(positive(env, "MONITOR_TIMEOUT_SECONDS", 5)),
                positive(env, "MONITOR_FAILURES_BEFORE_DOWN", 2),
                webhook(env.getOrDefault("ALERT_WEBHOOK_URL", "").strip()),
                port(env),
                env.getOrDefault("MONITOR_STACK_NAME", "todolist-prod"),
                tlsTrustFile(env.getOrDefault("MONITOR_TLS_TRUST_FILE", "").strip()));
    }

    /** Read once here so that a missing or empty file stops the monitor at start, not at every probe. */
    private static Optional<Path> tlsTrustFile(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path file = Path.of(value);
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("MONITOR_TLS_TRUST_FILE " + value + " is not a readable file");
        }
        try {
            PinnedCertificateTrust.read(file);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("MONITOR_TLS_TRUST_FILE: " + e.getMessage());
        }
        return Optional.of(file);
    }

    static List<Target> parseTargets(String spec) {
        List<Target> targets = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("MONITOR_TARGETS entry '" + trimmed + "' is not name=url");
            }
            String name = trimmed.substring(0, equals).strip();
            URI address = URI.create(trimmed.substring(equals + 1).strip());
            String scheme = String.valueOf(address.getScheme());
            boolean tcp = scheme.equals("tcp");
            if (!(tcp || scheme.equals("http") || scheme.equals("https")) || address.getHost() == null
                    || (tcp && address.getPort() < 0)) {
                throw new IllegalArgumentException("MONITOR_TARGETS entry '" + trimmed
                        + "': the address must be http://host[:port]/path, https://... or tcp://host:port");
            }
            if (targets.stream().anyMatch(t -> t.name().equals(name))) {
                throw new IllegalArgumentException("MONITOR_TARGETS names '" + name + "' twice");
            }
            targets.add(new Target(name, address));
        }
        return targets;
    }

    private static Optional<URI> webhook(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        URI uri = URI.create(value);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("ALERT_WEBHOOK_URL must be an http(s) URL");
        }
        return Optional.of(uri);
    }

    static int positive(Map<String, String> env, String name, int defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, got '" + value + "'");
    }

    private static int port(Map<String, String> env) {
        String value = env.getOrDefault("MONITOR_HTTP_PORT", "8082").strip();
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("MONITOR_HTTP_PORT must be a port number, got '" + value + "'");
    }
}
