package dev.todolist.backup.archive;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams a mongodump archive, checking everything the restore tools check: the grammar, every
 * document's length, every namespace header, every CRC, every metadata JSON, every namespace
 * against MongoDB's naming rules (a forged name is refused before a restore touches anything), and
 * that each namespace of the prelude is closed. A truncated archive always fails: the stream must end
 * exactly after a terminator with every namespace closed (and, gzipped, with an intact gzip trailer).
 *
 * <p>It holds one document at a time. Offsets in messages count uncompressed bytes.
 */
public final class ArchiveReader {

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] intBuffer = new byte[4];
    private long offset;

    public ArchiveReader(InputStream uncompressed) {
        this.in = uncompressed;
    }

    /** Reads {@code file}, gzip-compressed or not (told apart by their magic numbers). */
    public static ArchiveSummary read(Path file, ArchiveVisitor visitor) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, visitor);
        }
    }

    /** Reads the archive in {@code raw} (the file's bytes, gzip-compressed or not); leaves it open. */
    public static ArchiveSummary read(InputStream raw, ArchiveVisitor visitor) throws IOException {
        return new ArchiveReader(decompressIfGzip(new BufferedInputStream(raw, BUFFER))).read(visitor);
    }

    /**
     * Reads only the magic number and the header of {@code file} (gzip-compressed or not): enough to
     * tell an archive from another file and to read the job's stamp, without decoding the rest.
     */
    public static ArchiveHeader readHeader(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            ArchiveReader reader = new ArchiveReader(decompressIfGzip(new BufferedInputStream(raw, 512)));
            try {
                return reader.readMagicAndHeader();
            } catch (ZipException | EOFException e) {
                throw new ArchiveFormatException("archive is truncated or its gzip stream is damaged at byte "
                        + reader.offset, e);
            }
        }
    }

    /** Wraps a gzip stream in a decompressor; passes a plain archive through. */
    public static InputStream decompressIfGzip(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 2);
        int first = pushback.read();
        int second = first < 0 ? -1 : pushback.read();
        if (second >= 0) {
            pushback.unread(second);
        }
        if (first >= 0) {
            pushback.unread(first);
        }
        if (first >= 0 && second >= 0 && ((second << 8) | first) == GZIP_MAGIC) {
            try {
                return new BufferedInputStream(new GZIPInputStream(pushback, BUFFER), BUFFER);
            } catch (ZipException | EOFException e) {
                throw new ArchiveFormatException("archive is truncated or not gzip: its gzip header is damaged ("
                        + e + ")", e);
            }
        }
        return pushback;
    }

    public ArchiveSummary read(ArchiveVisitor visitor) throws IOException {
        try {
            return readArchive(visitor);
        } catch (ZipException | EOFException e) {
            throw new ArchiveFormatException("archive is truncated or its gzip stream is damaged at byte "
                    + offset + ": " + e.getMessage(), e);
        }
    }

    private ArchiveHeader readMagicAndHeader() throws IOException {
        if (readInt(false, "the magic number") != ArchiveFormat.MAGIC) {
            // Never echo the bytes: the file could be anything, a secret included.
            throw new ArchiveFormatException("not an archive: neither a mongodump archive nor a gzip-compressed one");
        }
        return ArchiveFormat.decodeHeader(readDocument(readDocumentLength("the header document"), "the header document"));
    }

    private ArchiveSummary readArchive(ArchiveVisitor visitor) throws IOException {
        ArchiveHeader header = readMagicAndHeader();

        List<CollectionMetadata> collections = new ArrayList<>();
        Map<Namespace, CollectionMetadata> byBodyNamespace = new LinkedHashMap<>();
        while (true) {
            int length = readInt(false, "the prelude");
            if (length == ArchiveFormat.TERMINATOR) {
                break;
            }
            CollectionMetadata metadata = ArchiveFormat.decodeCollectionMetadata(readDocument(length, "a prelude entry"));
            if (byBodyNamespace.putIfAbsent(metadata.bodyNamespace(), metadata) != null) {
                throw new ArchiveFormatException("namespace " + metadata.namespace() + " appears twice in the prelude");
            }
            collections.add(metadata);
        }
        visitor.prelude(header, Collections.unmodifiableList(collections));

        Map<Namespace, Crc64> crcs = new LinkedHashMap<>();
        Map<Namespace, long[]> totals = new LinkedHashMap<>();
        byBodyNamespace.keySet().forEach(ns -> {
            crcs.put(ns, new Crc64());
            totals.put(ns, new long[2]);
        });
        Map<Namespace, ArchiveSummary.NamespaceTotals> closed = new LinkedHashMap<>();

        while (true) {
            long blockStart = offset;
            int length = readInt(true, "a namespace header");
            if (length == Integer.MIN_VALUE) {
                break;
            }
            if (length == ArchiveFormat.TERMINATOR) {
                throw new ArchiveFormatException("unexpected terminator at byte " + blockStart
                        + " (two terminators in a row)");
            }
            ArchiveFormat.NamespaceHeader block = ArchiveFormat.decodeNamespaceHeader(
                    readDocument(length, "a namespace header"), blockStart);
            Namespace namespace = block.namespace();
            if (closed.containsKey(namespace)) {
                throw new ArchiveFormatException("namespace " + namespace + " continues after its EOF at byte " + blockStart);
            }
            Crc64 crc = crcs.get(namespace);
            if (crc == null) {
                throw new ArchiveFormatException("namespace " + namespace + " at byte " + blockStart
                        + " is not in the prelude");
            }
            if (block.eof()) {
                if (block.crc() != crc.value()) {
                    throw new ArchiveFormatException(String.format(
                            "CRC mismatch for namespace %s: archive says %016x, documents give %016x",
                            namespace, block.crc(), crc.value()));
                }
                if (readInt(false, "the terminator after the EOF of " + namespace) != ArchiveFormat.TERMINATOR) {
                    throw new ArchiveFormatException("missing terminator after the EOF of " + namespace);
                }
                long[] counts = totals.get(namespace);
                closed.put(namespace, new ArchiveSummary.NamespaceTotals(counts[0], counts[1], crc.value()));
                visitor.namespaceEnd(namespace, crc.value());
                continue;
            }
            visitor.segmentStart(namespace);
            long[] counts = totals.get(namespace);
            while (true) {
                int documentLength = readInt(false, "a document of " + namespace);
                if (documentLength == ArchiveFormat.TERMINATOR) {
                    break;
                }
                byte[] document = readDocument(documentLength, "a document of " + namespace);
                crc.update(document);
                counts[0]++;
                counts[1] += document.length;
                visitor.document(namespace, document);
            }
            visitor.segmentEnd(namespace);
        }
        List<Namespace> unfinished = crcs.keySet().stream().filter(ns -> !closed.containsKey(ns)).toList();
        if (!unfinished.isEmpty()) {
            throw new ArchiveFormatException("archive ends at byte " + offset + " before the EOF of " + unfinished
                    + " (truncated?)");
        }
        return new ArchiveSummary(header, List.copyOf(collections), Collections.unmodifiableMap(closed), offset);
    }

    private int readDocumentLength(String what) throws IOException {
        int length = readInt(false, what);
        if (length == ArchiveFormat.TERMINATOR) {
            throw new ArchiveFormatException("terminator where " + what + " was expected at byte " + (offset - 4));
        }
        return length;
    }

    /** The document whose int32 length was just read; the returned array holds the length prefix too. */
    private byte[] readDocument(int length, String what) throws IOException {
        long start = offset - 4;
        if (length < ArchiveFormat.MIN_DOCUMENT_SIZE || length > ArchiveFormat.MAX_DOCUMENT_SIZE) {
            throw new ArchiveFormatException("invalid length " + length + " for " + what + " at byte " + start
                    + " (a BSON document is 5 bytes to 16 MiB)");
        }
        byte[] document = new byte[length];
        System.arraycopy(intBuffer, 0, document, 0, 4);
        readFully(document, 4, length - 4, what);
        if (document[length - 1] != 0) {
            throw new ArchiveFormatException(what + " at byte " + start + " does not end with a 0 byte");
        }
        return document;
    }

    /**
     * Reads a little-endian int32. At a block boundary ({@code endAllowed}) a clean end of stream
     * returns {@link Integer#MIN_VALUE}; a partial int32 is always truncation.
     */
    private int readInt(boolean endAllowed, String what) throws IOException {
        int read = 0;
        while (read < 4) {
            int n = in.read(intBuffer, read, 4 - read);
            if (n < 0) {
                if (read == 0 && endAllowed) {
                    return Integer.MIN_VALUE;
                }
                throw new ArchiveFormatException("archive is truncated: it ends at byte " + (offset + read)
                        + " inside " + what);
            }
            read += n;
        }
        offset += 4;
        return (intBuffer[0] & 0xff) | (intBuffer[1] & 0xff) << 8 | (intBuffer[2] & 0xff) << 16
                | (intBuffer[3] & 0xff) << 24;
    }

    private void readFully(byte[] target, int from, int length, String what) throws IOException {
        int read = 0;
        while (read < length) {
            int n = in.read(target, from + read, length - read);
            if (n < 0) {
                throw new ArchiveFormatException("archive is truncated: it ends at byte " + (offset + read)
                        + " inside " + what);
            }
            read += n;
        }
        offset += length;
    }
}
