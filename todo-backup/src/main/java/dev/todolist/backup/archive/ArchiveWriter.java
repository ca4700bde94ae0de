package dev.todolist.backup.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the mongodump archive format to a stream, one call per grammar element, keeping each
 * namespace's CRC-64. A backup writes one namespace at a time (the simplest valid writer); the
 * segment calls also allow interleaving, which is how a mongodump archive is re-encoded exactly.
 *
 * <p>It holds no documents: memory stays flat whatever the size of the database. It does not
 * close the stream it writes to.
 */
public final class ArchiveWriter {

    private enum State { START, BODY, SEGMENT, FINISHED }

    private final OutputStream out;
    private final byte[] intBuffer = new byte[4];
    /** Body namespace -> its running checksum; removed once its EOF is written. */
    private final Map<Namespace, Crc64> open = new LinkedHashMap<>();
    private final Map<Namespace, Long> documentCounts = new HashMap<>();
    private State state = State.START;
    private Namespace segment;
    private long bytesWritten;

    public ArchiveWriter(OutputStream out) {
        this.out = out;
    }

    /** Magic number, header document, one metadata document per namespace, terminator. */
    public void writePrelude(ArchiveHeader header, List<CollectionMetadata> collections) throws IOException {
        expect(State.START, "the prelude comes first and once");
        writeInt(ArchiveFormat.MAGIC);
        writeBytes(ArchiveFormat.encodeHeader(header));
        for (CollectionMetadata collection : collections) {
            if (open.putIfAbsent(collection.bodyNamespace(), new Crc64()) != null) {
                throw new IllegalArgumentException("namespace listed twice: " + collection.namespace());
            }
            documentCounts.put(collection.bodyNamespace(), 0L);
            writeBytes(ArchiveFormat.encodeCollectionMetadata(collection));
        }
        writeInt(ArchiveFormat.TERMINATOR);
        state = State.BODY;
    }

    /** Starts a data segment: the namespace header with {@code EOF:false, CRC:0}. */
    public void beginSegment(Namespace namespace) throws IOException {
        expect(State.BODY, "a segment cannot start inside another one");
        requireOpen(namespace);
        writeBytes(ArchiveFormat.encodeNamespaceHeader(namespace, false, 0));
        segment = namespace;
        state = State.SEGMENT;
    }

    /** One raw BSON document (length prefix included) of the current segment's namespace. */
    public void writeDocument(byte[] bson, int offset, int length) throws IOException {
        expect(State.SEGMENT, "documents belong inside a segment");
        if (length < ArchiveFormat.MIN_DOCUMENT_SIZE || length > ArchiveFormat.MAX_DOCUMENT_SIZE) {
            throw new IllegalArgumentException("a BSON document must be 5 bytes to 16 MiB, not " + length);
        }
        open.get(segment).update(bson, offset, length);
        documentCounts.merge(segment, 1L, Long::sum);
        out.write(bson, offset, length);
        bytesWritten += length;
    }

    public void writeDocument(ByteBuffer bson) throws IOException {
        if (bson.hasArray()) {
            writeDocument(bson.array(), bson.arrayOffset() + bson.position(), bson.remaining());
        } else {
            byte[] copy = new byte[bson.remaining()];
            bson.duplicate().get(copy);
            writeDocument(copy, 0, copy.length);
        }
    }

    public void endSegment() throws IOException {
        expect(State.SEGMENT, "no segment is open");
        writeInt(ArchiveFormat.TERMINATOR);
        segment = null;
        state = State.BODY;
    }

    /** Closes a namespace: header with {@code EOF:true} and its CRC, then the terminator. */
    public void writeEof(Namespace namespace) throws IOException {
        expect(State.BODY, "close the segment before the namespace");
        Crc64 crc = requireOpen(namespace);
        writeBytes(ArchiveFormat.encodeNamespaceHeader(namespace, true, crc.value()));
        writeInt(ArchiveFormat.TERMINATOR);
        open.remove(namespace);
    }

    /** Writes a whole namespace as one segment followed by its EOF (views and empty ones included). */
    public void writeNamespace(Namespace namespace, Iterable<ByteBuffer> documents) throws IOException {
        beginSegment(namespace);
        for (ByteBuffer document : documents) {
            writeDocument(document);
        }
        endSegment();
        writeEof(namespace);
    }

    /** Checks that every namespace of the prelude was closed, then flushes. */
    public void finish() throws IOException {
        expect(State.BODY, "the archive is not at a namespace boundary");
        if (!open.isEmpty()) {
            throw new IllegalStateException("namespaces without EOF: " + open.keySet());
        }
        out.flush();
        state = State.FINISHED;
    }

    public long documentCount(Namespace namespace) {
        return documentCounts.getOrDefault(namespace, 0L);
    }

    /** Uncompressed bytes written so far. */
    public long bytesWritten() {
        return bytesWritten;
    }

    private Crc64 requireOpen(Namespace namespace) {
        Crc64 crc = open.get(namespace);
        if (crc == null) {
            throw new IllegalStateException("namespace not in the prelude or already closed: " + namespace);
        }
        return crc;
    }

    private void expect(State expected, String rule) {
        if (state != expected) {
            throw new IllegalStateException("archive writer in state " + state + ": " + rule);
        }
    }

    private void writeInt(int value) throws IOException {
        intBuffer[0] = (byte) value;
        intBuffer[1] = (byte) (value >>> 8);
        intBuffer[2] = (byte) (value >>> 16);
        intBuffer[3] = (byte) (value >>> 24);
        out.write(intBuffer);
        bytesWritten += 4;
    }

    private void writeBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        bytesWritten += bytes.length;
    }
}
