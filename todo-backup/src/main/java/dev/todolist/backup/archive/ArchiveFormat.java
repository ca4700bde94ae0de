package dev.todolist.backup.archive;

import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonSerializationException;
import org.bson.BsonType;
import org.bson.io.BasicOutputBuffer;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Constants of the mongodump archive format and the BSON encoding of its control documents (the
 * header, the prelude's metadata entries, the namespace headers), both ways.
 */
final class ArchiveFormat {

    /** {@code 0x8199e26d}, stored little-endian as {@code 6d e2 99 81}. */
    static final int MAGIC = 0x8199e26d;
    static final int TERMINATOR = -1;
    static final int MIN_DOCUMENT_SIZE = 5;
    /** The server's maximum document size; mongodump never writes more. */
    static final int MAX_DOCUMENT_SIZE = 16 * 1024 * 1024;
    private static final String STAMP_KIND = "todolist_kind";
    private static final String STAMP_CREATED_AT = "todolist_created_at";

    private ArchiveFormat() {
    }

    /** A namespace header: a block of documents follows, or ({@code eof}) the namespace ends with its CRC. */
    record NamespaceHeader(Namespace namespace, boolean eof, long crc) {
    }

    static byte[] encodeHeader(ArchiveHeader header) {
        return encode(writer -> {
            writer.writeInt32("concurrent_collections", header.concurrentCollections());
            writer.writeString("version", header.version());
            writer.writeString("server_version", header.serverVersion());
            writer.writeString("tool_version", header.toolVersion());
            if (header.stamp() != null) {
                writer.writeString(STAMP_KIND, header.stamp().kind());
                writer.writeDateTime(STAMP_CREATED_AT, header.stamp().createdAt().toEpochMilli());
            }
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

    static ArchiveHeader decodeHeader(byte[] bytes) throws ArchiveFormatException {
        HeaderFields fields = new HeaderFields();
        readFields(bytes, "invalid archive header", (name, reader) -> {
            switch (name) {
                case "concurrent_collections" -> fields.concurrent = reader.readInt32();
                case "version" -> fields.version = reader.readString();
                case "server_version" -> fields.serverVersion = reader.readString();
                case "tool_version" -> fields.toolVersion = reader.readString();
                case STAMP_KIND -> fields.kind = reader.readString();
                case STAMP_CREATED_AT -> fields.createdAt = Instant.ofEpochMilli(reader.readDateTime());
                default -> reader.skipValue();
            }
        });
        if (fields.version == null || fields.serverVersion == null) {
            throw new ArchiveFormatException("invalid archive header: \"version\" and \"server_version\" are required");
        }
        if (!fields.serverVersion.matches("\\d+\\.\\d+\\.\\d+([-+].*)?")) {
            throw new ArchiveFormatException("invalid archive header: its server_version is not X.Y.Z");
        }
        if ((fields.kind == null) != (fields.createdAt == null)) {
            throw new ArchiveFormatException("invalid archive header: " + STAMP_KIND + " and " + STAMP_CREATED_AT
                    + " come together");
        }
        return new ArchiveHeader(fields.concurrent == null ? 1 : fields.concurrent, fields.version,
                fields.serverVersion, fields.toolVersion == null ? "" : fields.toolVersion,
                fields.kind == null ? null : new BackupStamp(fields.kind, fields.createdAt));
    }

    /** A prelude entry, its namespace checked against MongoDB's naming rules and its metadata JSON parsed. */
    static CollectionMetadata decodeCollectionMetadata(byte[] bytes) throws ArchiveFormatException {
        EntryFields fields = new EntryFields();
        readFields(bytes, "invalid prelude entry", (name, reader) -> {
            switch (name) {
                case "db" -> fields.db = reader.readString();
                case "collection" -> fields.collection = reader.readString();
                case "metadata" -> fields.metadata = reader.readString();
                case "size" -> fields.size = reader.getCurrentBsonType() == BsonType.INT64
                        ? (int) reader.readInt64() : reader.readInt32();
                case "type" -> fields.type = reader.readString();
                default -> reader.skipValue();
            }
        });
        if (fields.db == null || fields.collection == null || fields.metadata == null) {
            throw new ArchiveFormatException("invalid prelude entry: \"db\", \"collection\" and \"metadata\" are required");
        }
        Namespace namespace = new Namespace(fields.db, fields.collection);
        NamespaceRules.check(namespace);
        CollectionType collectionType;
        try {
            collectionType = fields.type == null ? null : CollectionType.fromWireName(fields.type);
        } catch (IllegalArgumentException e) {
            throw new ArchiveFormatException("invalid prelude entry for " + namespace + ": unknown collection type");
        }
        if (!(fields.metadata.isEmpty() && namespace.isOplog())) {
            try {
                CollectionDescription.parse(fields.metadata);
            } catch (ArchiveFormatException e) {
                throw new ArchiveFormatException("invalid metadata for namespace " + namespace + ": " + e.getMessage(), e);
            }
        }
        return new CollectionMetadata(namespace, fields.metadata, fields.size, collectionType);
    }

    static NamespaceHeader decodeNamespaceHeader(byte[] bytes, long at) throws ArchiveFormatException {
        BlockFields fields = new BlockFields();
        readFields(bytes, "invalid namespace header at byte " + at, (name, reader) -> {
            switch (name) {
                case "db" -> fields.db = reader.readString();
                case "collection" -> fields.collection = reader.readString();
                case "EOF" -> fields.eof = reader.readBoolean();
                case "CRC" -> fields.crc = reader.readInt64();
                default -> throw new ArchiveFormatException("namespace header at byte " + at + " has an unknown key");
            }
        });
        if (fields.db == null || fields.collection == null || fields.eof == null || fields.crc == null) {
            throw new ArchiveFormatException("namespace header at byte " + at
                    + " lacks one of \"db\", \"collection\", \"EOF\", \"CRC\"");
        }
        return new NamespaceHeader(new Namespace(fields.db, fields.collection), fields.eof, fields.crc);
    }

    private static final class HeaderFields {
        Integer concurrent;
        String version;
        String serverVersion;
        String toolVersion;
        String kind;
        Instant createdAt;
    }

    private static final class EntryFields {
        String db;
        String collection;
        String metadata;
        int size;
        String type;
    }

    private static final class BlockFields {
        String db;
        String collection;
        Boolean eof;
        Long crc;
    }

    @FunctionalInterface
    private interface FieldReader {
        void read(String name, BsonBinaryReader reader) throws ArchiveFormatException;
    }

    /** Walks a control document's top-level fields; a malformed document is refused as {@code what}. */
    private static void readFields(byte[] bytes, String what, FieldReader fields) throws ArchiveFormatException {
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            reader.readStartDocument();
            while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
                fields.read(reader.readName(), reader);
            }
        } catch (BsonInvalidOperationException | BsonSerializationException e) {
            throw new ArchiveFormatException(what + ": " + e.getMessage(), e);
        }
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
