package dev.todolist.api.web;

import io.micronaut.buffer.netty.NettyByteBufferFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Who releases a request body's buffer: the reader when it returns, the caller (Micronaut's body
 * binder) when it throws. A pooled buffer released by nobody is memory the allocator never gets back.
 */
class StrictJsonBodiesTest {

    private final StrictJsonBodies reader = new StrictJsonBodies(JsonMapper.createDefault());

    @Test
    void aBodyReadReleasesItsBuffer() {
        ByteBuf buf = Unpooled.copiedBuffer("{\"title\":\"milk\"}", StandardCharsets.UTF_8);

        JsonNode body = reader.read(Argument.of(JsonNode.class), MediaType.APPLICATION_JSON_TYPE, null,
                NettyByteBufferFactory.DEFAULT.wrap(buf));

        assertEquals("milk", body.get("title").getStringValue());
        assertEquals(0, buf.refCnt(), "the reader that returned must have released the body's buffer");
    }

    @Test
    void aBodyThatFailsLeavesItsBufferToTheCaller() {
        ByteBuf buf = Unpooled.copiedBuffer("{\"title\":\"milk\"} trailing", StandardCharsets.UTF_8);

        assertThrows(CodecException.class, () -> reader.read(Argument.of(JsonNode.class),
                MediaType.APPLICATION_JSON_TYPE, null, NettyByteBufferFactory.DEFAULT.wrap(buf)));

        assertEquals(1, buf.refCnt(), "the caller releases after a failed read; releasing here too would release twice");
        buf.release();
    }
}
