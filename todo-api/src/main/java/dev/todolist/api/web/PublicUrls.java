package dev.todolist.api.web;

import dev.todolist.api.StartRefusedException;
import dev.todolist.persistence.DatabaseSelection;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The absolute URL under which a caller reached the service, for the {@code url} of a todo,
 * {@code Location} and pagination {@code Link}s.
 *
 * <p>Behind a reverse proxy the request the service sees is not the one the caller sent, so the
 * proxy says what it was with {@code X-Forwarded-Proto/Host/Prefix}. Those headers are honoured
 * only when the TCP peer is one of {@link ForwardedHeadersSettings#trustedProxies()}; otherwise
 * the URL comes from the connection and the {@code Host} header. Values that are not a plain
 * scheme, host or path are ignored, so nothing a caller sends can break a header or a link.
 *
 * <p>With {@code TODOLIST_WEB_PUBLIC_BASE_URL} set, that URL is the base of every link and nothing
 * a request says about its host counts. It is required in production: there, links handed to
 * other people (a todo's {@code url}, {@code Location}) must never carry a host a client chose.
 */
@Context
public class PublicUrls {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9._~\\-]+)+");

    private final List<AddressRange> trustedProxies;
    @Nullable
    private final String publicBaseUrl;

    public PublicUrls(ForwardedHeadersSettings settings, @Value("${todolist.environment:development}") String environment) {
        this.trustedProxies = settings.trustedProxies().stream()
                .filter(value -> !value.isBlank())
                .map(AddressRange::parse)
                .toList();
        this.publicBaseUrl = publicBaseUrl(settings.publicBaseUrl(), environment);
    }

    private static String publicBaseUrl(@Nullable String configured, String environment) {
        if (configured == null || configured.isBlank()) {
            if (DatabaseSelection.PRODUCTION.equals(environment)) {
                throw new StartRefusedException("TODOLIST_WEB_PUBLIC_BASE_URL is required in the production environment"
                        + " (the URL clients reach the service at, e.g. https://todo.example)");
            }
            return null;
        }
        String url = stripTrailingSlash(configured.strip());
        try {
            URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null && uri.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException invalid) {
            // refused below
        }
        throw new StartRefusedException("TODOLIST_WEB_PUBLIC_BASE_URL must be an http or https URL without query,"
                + " fragment or credentials, e.g. https://todo.example");
    }

    /** The scheme, host and path prefix the caller used, without a trailing slash, e.g. {@code https://todo.example/app}. */
    public String base(HttpRequest<?> request) {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        boolean trusted = fromTrustedProxy(request);
        String scheme = request.isSecure() ? "https" : "http";
        String host = validHost(request.getHeaders().get(HttpHeaders.HOST));
        String prefix = "";
        if (trusted) {
            String forwardedProto = first(request.getHeaders().get("X-Forwarded-Proto"));
            if ("http".equalsIgnoreCase(forwardedProto) || "https".equalsIgnoreCase(forwardedProto)) {
                scheme = forwardedProto.toLowerCase(Locale.ROOT);
            }
            String forwardedHost = validHost(first(request.getHeaders().get("X-Forwarded-Host")));
            if (forwardedHost != null) {
                host = forwardedHost;
            }
            String forwardedPrefix = stripTrailingSlash(first(request.getHeaders().get("X-Forwarded-Prefix")));
            if (forwardedPrefix != null && PREFIX.matcher(forwardedPrefix).matches()) {
                prefix = forwardedPrefix;
            }
        }
        if (host == null) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        return scheme + "://" + host + prefix;
    }

    private boolean fromTrustedProxy(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        InetAddress address = peer == null ? null : peer.getAddress();
        return address != null && trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** Proxies in a chain append to these headers; the first value is what the outermost one saw. */
    private static String first(String value) {
        if (value == null) {
            return null;
        }
        int comma = value.indexOf(',');
        String first = (comma < 0 ? value : value.substring(0, comma)).strip();
        return first.isEmpty() ? null : first;
    }

    private static String validHost(String host) {
        return host != null && HOST.matcher(host).matches() ? host : null;
    }

    private static String stripTrailingSlash(String prefix) {
        if (prefix == null) {
            return null;
        }
        String stripped = prefix;
        while (stripped.endsWith("/")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped.isEmpty() ? null : stripped;
    }
}
