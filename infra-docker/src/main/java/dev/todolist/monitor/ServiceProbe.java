package dev.todolist.monitor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Polls one target: an HTTP(S) URL is healthy when it answers 2xx, a {@code tcp://} address when
 * it accepts a connection (MongoDB: the monitor carries no driver and no credentials). With a
 * trust file, HTTPS trusts only the certificates in it ({@link PinnedCertificateTrust}): the
 * stack's own, which may be self-signed.
 */
final class ServiceProbe {

    private final HttpClient http;
    private final Duration timeout;

    ServiceProbe(Duration timeout) {
        this(timeout, Optional.empty());
    }

    ServiceProbe(Duration timeout, Optional<Path> tlsTrustFile) {
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        tlsTrustFile.ifPresent(file -> builder.sslContext(PinnedCertificateTrust.sslContext(file)));
        this.http = builder.build();
    }

    ProbeResult check(MonitorSettings.Target target) {
        try {
            return "tcp".equals(target.address().getScheme()) ? checkTcp(target) : checkHttp(target);
        } catch (IOException e) {
            return ProbeResult.unhealthy(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        }
    }

    private ProbeResult checkHttp(MonitorSettings.Target target) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(target.address()).timeout(timeout).GET().build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        String detail = "HTTP " + status;
        return status >= 200 && status < 300 ? ProbeResult.healthy(detail) : ProbeResult.unhealthy(detail);
    }

    private ProbeResult checkTcp(MonitorSettings.Target target) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.address().getHost(), target.address().getPort()),
                    (int) timeout.toMillis());
            return ProbeResult.healthy("TCP connect ok");
        }
    }
}
