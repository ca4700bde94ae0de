package dev.todolist.backup.archive;

import org.bson.BsonBinaryWriter;
import org.bson.io.BasicOutputBuffer;

import java.util.function.Consumer;

/** Constants of the mongodump archive format and the BSON encoding of its control documents. */
final class ArchiveFormat {

    /** {@code 0x8199e26d}, stored little-endian as {@code 6d e2 99 81}. */
    static final int MAGIC = 0x8199e26d;
    static final int TERMINATOR = -1;
    static final int MIN_DOCUMENT_SIZE = 5;
    /** The server's maximum document size; mongodump never writes more. */
    static final int MAX_DOCUMENT_SIZE = 16 * 1024 * 1024;

    private ArchiveFormat() {
    }

    static byte[] encodeHeader(ArchiveHeader header) {
        return encode(writer -> {
            writer.writeInt32("concurrent_collections", header.concurrentCollections());
            writer.writeString("version", header.version());
            writer.writeString("server_version", header.serverVersion());
            writer.writeString("tool_version", header.toolVersion());
        });
    }

    static byte[] encodeCollectionMetadata(CollectionMetadata metadata) {
        return encode(writer -> {
            writer.writeString("db", metadata.namespace().db());
            writer.writeString("collection", metadata.namespace().collection());
            writer.writeString("metadata", metadata.metadataJson());
            writer.writeInt32("size", metadata.size());
            if (metadata.type() != null) {
                writer.writeString("type", metadata.type().wireName());
            }
        });
    }

    static byte[] encodeNamespaceHeader(Namespace namespace, boolean eof, long crc) {
        return encode(writer -> {
            writer.writeString("db", namespace.db());
            writer.writeString("collection", namespace.collection());
            writer.writeBoolean("EOF", eof);
            writer.writeInt64("CRC", crc);
        });
    }

    private static byte[] encode(Consumer<BsonBinaryWriter> fields) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(128);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            fields.accept(writer);
            writer.writeEndDocument();
        }
        return buffer.toByteArray();
    }
}
