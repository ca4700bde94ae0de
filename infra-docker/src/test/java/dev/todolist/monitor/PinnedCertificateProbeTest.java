package dev.todolist.monitor;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path a user takes, as the monitor probes it: HTTPS to a real TLS server on loopback whose
 * self-signed certificate (made by the JDK's keytool) is "the stack's own", reached by an address
 * the certificate does not name (as nginx is, by its service name).
 */
class PinnedCertificateProbeTest {

    /** The certificates are made once (keytool is a JVM start each); the server per test. */
    @TempDir
    static Path dir;
    private static Path keyStore;
    private static Path stackCertificate;
    private static Path otherCertificate;
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpsServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        keyStore = selfSigned("stack", "CN=todo.example.org");
        stackCertificate = exportPem(keyStore, "stack");
        otherCertificate = exportPem(selfSigned("other", "CN=todo.example.org"), "other");
    }

    @BeforeEach
    void startTlsServer() throws Exception {

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopTlsServer() {
        server.stop(0);
    }

    private static Path selfSigned(String alias, String name) throws IOException, InterruptedException {
        Path file = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", name, "-ext", "SAN=dns:todo.example.org", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit");
        return file;
    }

    private static Path exportPem(Path keyStore, String alias) throws IOException, InterruptedException {
        Path pem = dir.resolve(alias + ".crt");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        return pem;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, "keytool " + args[0] + ": " + output);
    }

    private ProbeResult probe(Path trustFile) {
        // By address: 127.0.0.1 is not a name the certificate holds, as "nginx" is not.
        URI address = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/health");
        return new ServiceProbe(Duration.ofSeconds(5), Optional.of(trustFile))
                .check(new MonitorSettings.Target("api-through-nginx", address));
    }

    @Test
    void theStacksOwnSelfSignedCertificateIsTrustedWhateverNameTheMonitorUses() {
        ProbeResult result = probe(stackCertificate);

        assertTrue(result.healthy(), result.detail());
        assertEquals("HTTP 200", result.detail());
    }

    @Test
    void aBadGatewayThroughTheProxyIsDownWhateverTheAppSays() {
        status.set(502);

        ProbeResult result = probe(stackCertificate);

        assertFalse(result.healthy());
        assertEquals("HTTP 502", result.detail());
    }

    @Test
    void anyOtherCertificateIsRefusedEvenWithTheSameName() {
        ProbeResult result = probe(otherCertificate);

        assertFalse(result.healthy(), result.detail());
        assertTrue(result.detail().startsWith("SSLHandshakeException"), result.detail());
    }

    @Test
    void aRenewedCertificateIsTrustedAtTheNextProbe() throws IOException {
        Path trust = dir.resolve("renewed-tls.crt");
        Files.copy(otherCertificate, trust);
        assertFalse(probe(trust).healthy());

        Files.copy(stackCertificate, trust, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertTrue(probe(trust).healthy());
    }

    @Test
    void withoutTheTrustFileTheJvmsCasRefuseASelfSignedCertificate() {
        URI address = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/health");
        ProbeResult result = new ServiceProbe(Duration.ofSeconds(5)).check(new MonitorSettings.Target("nginx", address));

        assertFalse(result.healthy(), "control: the pinned trust is what makes the self-signed certificate pass");
    }

    @Test
    void aTrustFileWithoutACertificateStopsTheMonitorAtStart() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.crt"), "not a certificate\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonitorSettings.fromEnvironment(
                Map.of("MONITOR_TARGETS", "nginx=https://nginx:8443/health", "MONITOR_TLS_TRUST_FILE", empty.toString())));
        assertTrue(e.getMessage().startsWith("MONITOR_TLS_TRUST_FILE"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> MonitorSettings.fromEnvironment(
                Map.of("MONITOR_TARGETS", "nginx=https://nginx:8443/health", "MONITOR_TLS_TRUST_FILE", "/nonexistent/tls.crt")));
        assertTrue(missing.getMessage().contains("not a readable file"), missing.getMessage());
    }
}
