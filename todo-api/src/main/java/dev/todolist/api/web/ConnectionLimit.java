package dev.todolist.api.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Min;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code TODOLIST_CONNECTIONS_MAX} open client connections on the main port: a new one
 * beyond it is closed as soon as it is accepted, before a byte is read, so that slow or idle clients
 * cannot hold an unbounded number of sockets, buffers and file descriptors. (nginx in front keeps
 * far fewer, `keepalive 32`; the limit is for whatever reaches the API directly.) The management
 * listener is not counted, so that a flood of clients never makes the probes fail.
 *
 * @param max open connections; the default is well above what one instance serves well
 */
@ConfigurationProperties("todolist.connections")
public record ConnectionLimit(@Bindable(defaultValue = "1000") @Min(1) int max) {

    /** Counts the open client connections of the main port. */
    @Singleton
    static class Installer extends ConnectionCustomizer {

        private final ConnectionLimit limit;
        private final int managementPort;
        private final AtomicInteger open = new AtomicInteger();

        Installer(ConnectionLimit limit, @Value("${todolist.management.port}") int managementPort) {
            this.limit = limit;
            this.managementPort = managementPort;
        }

        /** Counts the connection while it is open, or closes it at once when it is one too many. */
        @Override
        NettyServerCustomizer connectionAccepted(Channel connection) {
            if (connection.localAddress() instanceof InetSocketAddress local && local.getPort() == managementPort) {
                return null;
            }
            if (open.incrementAndGet() > limit.max()) {
                connection.close();
            }
            connection.closeFuture().addListener(closed -> open.decrementAndGet());
            return null;
        }
    }
}
