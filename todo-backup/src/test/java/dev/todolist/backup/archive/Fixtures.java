package dev.todolist.backup.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** The real mongodump archives of src/test/resources/mongodump-archives (see its README). */
public final class Fixtures {

    public static final List<String> VALID = List.of("test.bar.archive", "dump-w-oplog.archive",
            "timeseries_tests_dump.archive");
    public static final String BAD_FORMAT = "bad-format.archive";

    /**
     * Namespaces only a forged archive holds, each breaking one of MongoDB's naming rules; an archive
     * naming any of them is refused while it is read ({@link #hostileArchive}).
     */
    public static final List<Namespace> HOSTILE_NAMESPACES = List.of(
            new Namespace("todolist", ""),
            new Namespace("todolist", "to\0dos"),
            new Namespace("todolist", "../etc/passwd"),
            new Namespace("todolist", "$cmd"),
            new Namespace("todolist", "to$dos"),
            new Namespace("todolist", "\u001b[2Jcleared"),
            new Namespace("todolist", "t" + "o".repeat(250)),
            new Namespace("", "todos"),
            new Namespace("..", "todos"),
            new Namespace("../todolist", "todos"),
            new Namespace("todo list", "todos"),
            new Namespace("todo\0list", "todos"),
            new Namespace("d".repeat(64), "todos"));

    /** A well-formed archive (CRCs right) of one empty collection in {@code namespace}, written with the job's writer. */
    public static byte[] hostileArchive(Namespace namespace) throws IOException {
        String metadata = new CollectionDescription(new org.bson.BsonDocument(), List.of(), null, namespace.collection(),
                CollectionType.COLLECTION.wireName()).toCanonicalJson();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArchiveWriter writer = new ArchiveWriter(out);
        writer.writePrelude(new ArchiveHeader(1, ArchiveHeader.FORMAT_VERSION, "7.0.0", "forged"),
                List.of(new CollectionMetadata(namespace, metadata, 0, CollectionType.COLLECTION)));
        writer.writeNamespace(namespace, List.of());
        writer.finish();
        return out.toByteArray();
    }

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/mongodump-archives/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ArchiveSummary read(byte[] archive, ArchiveVisitor visitor) throws IOException {
        return new ArchiveReader(ArchiveReader.decompressIfGzip(new ByteArrayInputStream(archive))).read(visitor);
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Replays what a reader sees into a writer: the way to re-encode an archive element by element. */
    public static final class ReEncoder implements ArchiveVisitor {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ArchiveWriter writer = new ArchiveWriter(out);

        @Override
        public void prelude(ArchiveHeader header, List<CollectionMetadata> collections) throws IOException {
            writer.writePrelude(header, collections);
        }

        @Override
        public void segmentStart(Namespace namespace) throws IOException {
            writer.beginSegment(namespace);
        }

        @Override
        public void document(Namespace namespace, byte[] bson) throws IOException {
            writer.writeDocument(bson, 0, bson.length);
        }

        @Override
        public void segmentEnd(Namespace namespace) throws IOException {
            writer.endSegment();
        }

        @Override
        public void namespaceEnd(Namespace namespace, long crc) throws IOException {
            writer.writeEof(namespace);
        }

        public byte[] finish() throws IOException {
            writer.finish();
            return out.toByteArray();
        }
    }
}
