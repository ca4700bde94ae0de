package dev.todolist.api.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A request's head (request line and headers) must arrive whole within {@code timeout} of its
 * first byte, or the connection is closed. The read-idle timeout starts again with every byte, so
 * a client sending one header line every few seconds would otherwise hold its connection (and a
 * slot of {@link ConnectionLimit}) for as long as it likes. The clock runs only while a head is
 * being received: not while a body arrives (the read-idle timeout bounds that), nor while a
 * kept-alive connection waits for its next request (the idle timeouts bound that).
 *
 * @param timeout from a request's first byte to the end of its headers
 */
@ConfigurationProperties("todolist.request-head")
public record RequestHeadDeadline(@Bindable(defaultValue = "10s") Duration timeout) {

    /** Puts a {@link HeadClock} around the HTTP/1 codec of every connection. */
    @Singleton
    static class Installer extends ConnectionCustomizer {

        private final RequestHeadDeadline deadline;

        Installer(RequestHeadDeadline deadline) {
            this.deadline = deadline;
        }

        @Override
        NettyServerCustomizer connectionAccepted(Channel connection) {
            return new PerConnection(connection, deadline.timeout());
        }
    }

    private record PerConnection(Channel channel, Duration timeout) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel child, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = channel.pipeline();
            String codec = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;
            if (pipeline.get(codec) == null) {
                return; // HTTP/2: its frames have their own limits; the API is served over HTTP/1.1
            }
            HeadClock clock = new HeadClock(timeout.toNanos());
            pipeline.addBefore(codec, "todolist-request-head-start", clock.firstByte);
            pipeline.addAfter(codec, "todolist-request-head-end", clock.headDecoded);
        }
    }

    /**
     * Bytes seen before the codec start the clock when no request is under way; the decoded head
     * after the codec stops it, and the request's last content makes the connection wait for the
     * next head. Both handlers run on the connection's event loop, so the state needs no locking.
     */
    private static final class HeadClock {

        private final long timeoutNanos;
        private boolean requestUnderWay;
        private ScheduledFuture<?> expiry;

        private final ChannelInboundHandlerAdapter firstByte = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (!requestUnderWay) {
                    requestUnderWay = true;
                    expiry = ctx.executor().schedule(() -> ctx.channel().close(), timeoutNanos, TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }
        };

        private final ChannelInboundHandlerAdapter headDecoded = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    stop();
                }
                if (msg instanceof LastHttpContent) {
                    requestUnderWay = false;
                }
                ctx.fireChannelRead(msg);
            }
        };

        HeadClock(long timeoutNanos) {
            this.timeoutNanos = timeoutNanos;
        }

        private void stop() {
            if (expiry != null) {
                expiry.cancel(false);
                expiry = null;
            }
        }
    }
}
