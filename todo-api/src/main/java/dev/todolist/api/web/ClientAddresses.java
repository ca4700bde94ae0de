package dev.todolist.api.web;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a request really comes from, for throttling: the TCP peer, or, when the peer is one
 * of {@link ForwardedHeadersSettings#trustedProxies()}, the nearest address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy (read right to left, since a client
 * can write anything to the left of what the proxies append). Anybody else's
 * {@code X-Forwarded-For} is ignored.
 *
 * <p>{@link #throttleKey} groups IPv6 addresses by their /64: one host is usually given a whole
 * /64, and counting its addresses one by one would let it rotate past any limit.
 */
@Singleton
public class ClientAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<AddressRange> trustedProxies;

    public ClientAddresses(ForwardedHeadersSettings settings) {
        this.trustedProxies = settings.trustedProxies().stream()
                .filter(value -> !value.isBlank())
                .map(AddressRange::parse)
                .toList();
    }

    public Optional<InetAddress> of(HttpRequest<?> request) {
        InetSocketAddress peer = request.getRemoteAddress();
        InetAddress address = peer == null ? null : peer.getAddress();
        if (address == null || !isTrusted(address)) {
            return Optional.ofNullable(address);
        }
        List<String> forwarded = request.getHeaders().getAll("X-Forwarded-For");
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                Optional<InetAddress> hop = literal(hops[i].strip());
                if (hop.isEmpty()) {
                    // Unreadable: trust nothing further left of it.
                    return Optional.of(address);
                }
                address = hop.get();
                if (!isTrusted(address)) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.of(address);
    }

    /** The key a client's attempts are counted under: its IPv4 address, or the /64 of its IPv6 address. */
    public String throttleKey(HttpRequest<?> request) {
        return of(request).map(ClientAddresses::key).orElse("unknown");
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | bytes[i + 1] & 0xFF)).append(':');
            }
            return prefix + ":/64";
        }
        return address.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    /** Only IP literals are parsed, so a header value never causes a DNS lookup. */
    private static Optional<InetAddress> literal(String text) {
        String value = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IP_LITERAL.matcher(value).matches() || !value.contains(".") && !value.contains(":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(value));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
