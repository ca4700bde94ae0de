package dev.todolist.backup.job;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import dev.todolist.backup.archive.ArchiveHeader;
import dev.todolist.backup.archive.ArchiveWriter;
import dev.todolist.backup.archive.BackupStamp;
import dev.todolist.backup.archive.CollectionDescription;
import dev.todolist.backup.archive.CollectionMetadata;
import dev.todolist.backup.archive.CollectionType;
import dev.todolist.backup.archive.Namespace;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes every collection of one database as a mongodump archive (uncompressed; the caller gzips),
 * one namespace at a time: collection options and indexes as canonical metadata JSON, documents as
 * the raw bytes the server returned, so they come back byte-identical.
 *
 * <p>What mongodump writes for the same database, {@code mongorestore --archive} reads back:
 * views as metadata with an empty block, time-series collections as their {@code system.buckets}
 * documents. Other {@code system.*} collections are server-internal and are left out.
 */
public final class DatabaseDumper {

    /** mongodump's default; mongorestore restores max(this, -j) collections at once. */
    private static final int CONCURRENT_COLLECTIONS = 4;
    private static final int BATCH_SIZE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseDumper.class);

    private final String toolVersion;

    public DatabaseDumper(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public record DumpTotals(int collections, long documents, long uncompressedBytes) {
    }

    /** @param stamp the archive's kind and time, written into its header */
    public DumpTotals dump(MongoDatabase database, OutputStream out, BackupStamp stamp) throws IOException {
        List<CollectionMetadata> collections = describeCollections(database);
        ArchiveWriter writer = new ArchiveWriter(out);
        writer.writePrelude(new ArchiveHeader(CONCURRENT_COLLECTIONS, ArchiveHeader.FORMAT_VERSION,
                serverVersion(database), toolVersion, stamp), collections);
        long documents = 0;
        for (CollectionMetadata collection : collections) {
            Namespace body = collection.bodyNamespace();
            writer.beginSegment(body);
            if (collection.effectiveType() != CollectionType.VIEW) {
                try (MongoCursor<RawBsonDocument> cursor = database.getCollection(body.collection(), RawBsonDocument.class)
                        .find().batchSize(BATCH_SIZE).iterator()) {
                    while (cursor.hasNext()) {
                        writer.writeDocument(cursor.next().getByteBuffer().asNIO());
                    }
                }
            }
            writer.endSegment();
            writer.writeEof(body);
            documents += writer.documentCount(body);
        }
        writer.finish();
        return new DumpTotals(collections.size(), documents, writer.bytesWritten());
    }

    private List<CollectionMetadata> describeCollections(MongoDatabase database) {
        List<BsonDocument> listed = new ArrayList<>();
        database.listCollections(BsonDocument.class).into(listed);
        listed.sort(Comparator.comparing(info -> info.getString("name").getValue()));
        List<CollectionMetadata> collections = new ArrayList<>();
        for (BsonDocument info : listed) {
            String name = info.getString("name").getValue();
            CollectionType type = typeOf(info);
            if (name.startsWith(RestoreJob.STAGING_PREFIX)) {
                LOG.warn("not dumped: {}.{} is a staging collection left by an interrupted restore (the next restore"
                        + " drops it)", database.getName(), name);
                continue;
            }
            if (name.startsWith("system.")) {
                if (!name.startsWith("system.buckets.")) {
                    LOG.info("not dumped: {}.{} is a server-internal collection", database.getName(), name);
                }
                continue;
            }
            List<BsonDocument> indexes = new ArrayList<>();
            if (type != CollectionType.VIEW) {
                database.getCollection(name).listIndexes(BsonDocument.class).into(indexes);
                indexes.forEach(index -> index.remove("ns"));
            }
            BsonDocument options = info.containsKey("options") ? info.getDocument("options") : new BsonDocument();
            CollectionDescription description = new CollectionDescription(options, indexes, uuidOf(info), name,
                    type.wireName());
            collections.add(new CollectionMetadata(new Namespace(database.getName(), name),
                    description.toCanonicalJson(), 0, type));
        }
        return collections;
    }

    private static CollectionType typeOf(BsonDocument info) {
        String type = info.containsKey("type") ? info.getString("type").getValue() : "collection";
        return switch (type) {
            case "view" -> CollectionType.VIEW;
            case "timeseries" -> CollectionType.TIMESERIES;
            default -> CollectionType.COLLECTION;
        };
    }

    private static String uuidOf(BsonDocument info) {
        BsonValue uuid = info.isDocument("info") ? info.getDocument("info").get("uuid") : null;
        if (uuid instanceof BsonBinary binary && binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue()
                && binary.getData().length == 16) {
            return HexFormat.of().formatHex(binary.getData());
        }
        return null;
    }

    /** The server's version as X.Y.Z, which mongorestore requires of the header. */
    private static String serverVersion(MongoDatabase database) {
        try {
            BsonValue version = database.runCommand(new BsonDocument("buildInfo", new BsonInt32(1)), BsonDocument.class)
                    .get("version");
            if (version != null && version.isString()) {
                String text = version.asString().getValue();
                String[] parts = text.split("[-+]", 2)[0].split("\\.");
                if (parts.length >= 2 && parts.length <= 3 && text.matches("\\d+(\\.\\d+){1,2}([-+].*)?")) {
                    return parts.length == 3 ? text : parts[0] + "." + parts[1] + ".0";
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("buildInfo failed: {}", e.toString());
        }
        return "0.0.0";
    }
}
