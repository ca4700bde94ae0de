package dev.todolist.api.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.io.buffer.ReferenceCounted;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.body.MessageBodyReader;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonSyntaxException;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads every JSON request body of the API (they are all bound as {@link JsonNode} trees) more
 * strictly than the default reader: exactly one JSON value and nothing after it (the default
 * reader stops after the first value, so {@code {"title":"x"}}garbage} would pass), strictly
 * valid UTF-8 (no overlong forms such as {@code C0 AF} for {@code /}, no encoded surrogates), no
 * member named twice in an object (which reader wins would be anybody's guess), and at most
 * {@value #MAX_DEPTH} levels of nesting. A body that breaks any of these is a 400 malformed-json
 * problem before anything reads it.
 */
@Singleton
@Order(-100)
@Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
public class StrictJsonBodies implements MessageBodyReader<JsonNode> {

    static final int MAX_DEPTH = 32;

    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private final JsonMapper mapper;

    public StrictJsonBodies(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean isReadable(Argument<JsonNode> type, MediaType mediaType) {
        return type.getType() == JsonNode.class;
    }

    /**
     * A reader that returns owns the buffer and releases it (as Micronaut's own JSON reader does);
     * when it throws, the caller releases it. Releasing in both cases would release twice; never
     * releasing leaked one pooled buffer per request body.
     */
    @Override
    public JsonNode read(Argument<JsonNode> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer) {
        JsonNode body = parse(byteBuffer.toByteArray());
        if (byteBuffer instanceof ReferenceCounted counted) {
            counted.release();
        }
        return body;
    }

    @Override
    public JsonNode read(Argument<JsonNode> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) {
        try {
            return parse(inputStream.readAllBytes());
        } catch (IOException e) {
            throw new CodecException("the body could not be read", e);
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            try (JsonParser parser = STRICT.createParser(text)) {
                if (parser.nextToken() == null) {
                    throw new JsonSyntaxException("the body is empty");
                }
                parser.skipChildren();
                if (parser.nextToken() != null) {
                    throw new JsonSyntaxException("more than one JSON value in the body");
                }
            }
            return mapper.readValue(bytes, Argument.of(JsonNode.class));
        } catch (CharacterCodingException e) {
            throw new CodecException("the body is not valid UTF-8", new JsonSyntaxException(e));
        } catch (IOException e) {
            throw new CodecException("the body is not valid JSON", e instanceof JsonSyntaxException ? e : new JsonSyntaxException(e));
        }
    }
}
