package dev.todolist.monitor;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Trusts exactly the certificates of one PEM file: the stack's own {@code certs/tls.crt}, which
 * nginx serves, self-signed or not. The monitor reaches nginx by its Compose service name, which
 * no certificate names, so there is no host-name check; instead the certificate nginx presents as
 * its own must be one of the file's, byte for byte, and within its validity period. That is
 * stricter than a CA plus a name (no other certificate passes, whoever signed it) and the opposite
 * of "trust all". The file is read at every handshake, so a renewed certificate is trusted at the
 * next probe.
 */
final class PinnedCertificateTrust extends X509ExtendedTrustManager {

    private final Path file;

    PinnedCertificateTrust(Path file) {
        this.file = file;
    }

    /** A TLS context that trusts only the certificates in FILE. */
    static SSLContext sslContext(Path file) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new PinnedCertificateTrust(file)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    /** The certificates in FILE; refuses a file that holds none. */
    static List<X509Certificate> read(Path file) throws CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new CertificateException(file + " holds no PEM certificate");
            }
            return certificates;
        } catch (IOException e) {
            throw new CertificateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        X509Certificate presented = chain[0];
        if (!read(file).contains(presented)) {
            throw new CertificateException("the server's certificate (" + presented.getSubjectX500Principal().getName()
                    + ", serial " + presented.getSerialNumber().toString(16) + ") is not the stack's own, " + file);
        }
        presented.checkValidity();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the monitor authenticates servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("the monitor authenticates servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("the monitor authenticates servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
