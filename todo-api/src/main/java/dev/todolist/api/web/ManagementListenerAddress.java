package dev.todolist.api.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration.NettyListenerConfiguration;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * Binds the management listener ({@code MANAGEMENT_PORT}) to {@code MANAGEMENT_BIND_ADDRESS} when
 * one is set, for instance {@code 127.0.0.1} where the probes run on the same host and nothing
 * else should reach {@code /metrics}. Unset, Micronaut binds it where it binds the main port (all
 * interfaces): what a container needs, since Prometheus and the healthcheck reach it over the
 * container's network.
 *
 * <p>Micronaut gives the port of {@code endpoints.all.port} the main port's host and has no
 * setting of its own for it, so when an address is set this declares the two listeners Micronaut
 * would otherwise derive (the management one serving only the endpoints, as Micronaut's does) with
 * that address on the management one. Listeners configured explicitly, TLS on the server itself
 * (the stack ends TLS at nginx) or the probes on the main port are left as they are.
 */
@Singleton
class ManagementListenerAddress implements BeanCreatedEventListener<NettyHttpServerConfiguration> {

    private final int managementPort;
    private final String bindAddress;
    private final boolean serverTls;

    ManagementListenerAddress(@Value("${todolist.management.port}") int managementPort,
                              @Value("${todolist.management.bind-address:}") String bindAddress,
                              @Value("${micronaut.server.ssl.enabled:false}") boolean serverTls) {
        this.managementPort = managementPort;
        this.bindAddress = bindAddress.strip();
        this.serverTls = serverTls;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        Optional<Integer> mainPort = server.getPort();
        boolean explicitListeners = server.getListeners() != null && !server.getListeners().isEmpty();
        if (bindAddress.isEmpty() || explicitListeners || serverTls || server.isDualProtocol()
                || mainPort.isEmpty() || mainPort.get() == managementPort) {
            return server;
        }
        NettyListenerConfiguration main = NettyListenerConfiguration.createTcp(
                server.getHost().orElse(null), mainPort.get(), false, null, null);
        NettyListenerConfiguration management = NettyListenerConfiguration.createTcp(
                bindAddress, managementPort, false, null, null);
        management.setExposeDefaultRoutes(false);
        management.setSupportGracefulShutdown(false);
        server.setListeners(List.of(main, management));
        return server;
    }
}
