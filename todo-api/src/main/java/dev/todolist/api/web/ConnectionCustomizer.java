package dev.todolist.api.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;

/**
 * Sees every client connection the Netty server accepts (on both listeners), as the server's
 * customizer registry is created: the one place where the API hooks into Netty's channels.
 */
abstract class ConnectionCustomizer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    @Override
    public final NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                if (role != ChannelRole.CONNECTION) {
                    return this;
                }
                NettyServerCustomizer perConnection = connectionAccepted(channel);
                return perConnection == null ? this : perConnection;
            }
        });
        return event.getBean();
    }

    /**
     * Called on the connection's event loop as it is accepted, before a byte is read.
     *
     * @return the customizer of this connection's pipelines, or null when it needs none
     */
    @Nullable
    abstract NettyServerCustomizer connectionAccepted(Channel connection);
}
