package dev.todolist.backup.job;

import dev.todolist.backup.archive.ArchiveHeader;
import dev.todolist.backup.archive.ArchiveWriter;
import dev.todolist.backup.archive.BackupStamp;
import dev.todolist.backup.archive.CollectionDescription;
import dev.todolist.backup.archive.CollectionMetadata;
import dev.todolist.backup.archive.CollectionType;
import dev.todolist.backup.archive.Namespace;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Archives written the way mongodump writes them, for restores of what a test cannot seed a live
 * database with (options, views or values the in-process wire server does not keep).
 */
public final class TestArchives {

    /** One collection (or view) of the archive: its options, index specs and documents. */
    public record Entry(String name, CollectionType type, BsonDocument options, List<BsonDocument> indexes,
                 List<BsonDocument> documents) {

        public static Entry collection(String name, String optionsJson, List<BsonDocument> documents, String... indexesJson) {
            List<BsonDocument> indexes = new ArrayList<>();
            indexes.add(BsonDocument.parse("{v: 2, key: {_id: 1}, name: '_id_'}"));
            for (String index : indexesJson) {
                indexes.add(BsonDocument.parse(index));
            }
            return new Entry(name, CollectionType.COLLECTION, BsonDocument.parse(optionsJson), indexes, documents);
        }

        public static Entry view(String name, String optionsJson) {
            return new Entry(name, CollectionType.VIEW, BsonDocument.parse(optionsJson), List.of(), List.of());
        }
    }

    private TestArchives() {
    }

    /** An archive of one database's collections. */
    public static Path write(Path file, String database, Entry... entries) throws IOException {
        List<InDatabase> located = new ArrayList<>();
        for (Entry entry : entries) {
            located.add(new InDatabase(database, entry));
        }
        return write(file, located);
    }

    /** One entry of an archive that spans databases, as mongodump of a whole server writes. */
    public record InDatabase(String database, Entry entry) {
    }

    public static Path write(Path file, List<InDatabase> entries) throws IOException {
        return write(file, null, entries);
    }

    /**
     * A one-document archive stamped as the job stamps its own ({@code kind}, dumped at {@code at}),
     * published in {@code store} the way the job publishes (temporary name, {@code .sha256}, rename).
     */
    public static Path published(ArchiveStore store, ArchiveKind kind, Instant at) throws IOException {
        Path target = store.newArchivePath(kind, at);
        Path temporary = ArchiveStore.temporaryOf(target);
        store.createTemporary(target).close();
        write(temporary, new BackupStamp(kind.wireName(), at), List.of(new InDatabase("todolist",
                Entry.collection("todos", "{}", List.of(BsonDocument.parse("{_id: 1}"))))));
        store.publish(temporary, target, ChecksumFile.sha256(temporary));
        return target;
    }

    /** An archive whose header carries {@code stamp} (none when {@code null}, as mongodump writes it). */
    public static Path write(Path file, BackupStamp stamp, List<InDatabase> entries) throws IOException {
        List<CollectionMetadata> prelude = new ArrayList<>();
        for (InDatabase located : entries) {
            Entry entry = located.entry();
            String metadata = new CollectionDescription(entry.options(), entry.indexes(), null, entry.name(),
                    entry.type().wireName()).toCanonicalJson();
            prelude.add(new CollectionMetadata(new Namespace(located.database(), entry.name()), metadata, 0, entry.type()));
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            ArchiveWriter writer = new ArchiveWriter(out);
            writer.writePrelude(new ArchiveHeader(1, ArchiveHeader.FORMAT_VERSION, "7.0.0", "test", stamp), prelude);
            for (InDatabase located : entries) {
                List<ByteBuffer> documents = new ArrayList<>();
                located.entry().documents().forEach(document -> documents.add(
                        new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().asNIO()));
                writer.writeNamespace(new Namespace(located.database(), located.entry().name()), documents);
            }
            writer.finish();
        }
        return file;
    }
}
