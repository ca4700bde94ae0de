package dev.todolist.backup.job;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.todolist.testing.MongoFixture;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Databases for the job's tests on the shared MongoDB fixture, and ways to compare them byte for byte. */
final class TestDatabases {

    private static MongoClient client;

    private TestDatabases() {
    }

    static synchronized MongoClient client() {
        if (client == null) {
            client = MongoClients.create(MongoFixture.connectionString());
        }
        return client;
    }

    /** A database with todos of every BSON type, accounts, an empty collection and secondary indexes. */
    static MongoDatabase seeded(String prefix) {
        MongoDatabase database = client().getDatabase(MongoFixture.uniqueDatabase(prefix));
        List<BsonDocument> todos = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            todos.add(new BsonDocument("_id", new BsonObjectId(new ObjectId()))
                    .append("title", new BsonString("todo " + i + " \u00e9t\u00e9 \u65e5\u672c \ud83d\ude80"))
                    .append("done", BsonBoolean.valueOf(i % 3 == 0))
                    .append("priority", new BsonInt32(i % 5))
                    .append("views", new BsonInt64(10_000_000_000L + i))
                    .append("score", new BsonDouble(i / 7.0))
                    .append("cost", new BsonDecimal128(new Decimal128(new BigDecimal("12345.678" + i))))
                    .append("due", new BsonDateTime(1_700_000_000_000L + i * 86_400_000L))
                    .append("attachment", new BsonBinary(new byte[] {1, 2, 3, (byte) i}))
                    .append("uuid", new BsonBinary(BsonBinarySubType.UUID_STANDARD, HexFormat.of()
                            .parseHex("0123456789abcdef0123456789abcd" + String.format("%02x", i % 256))))
                    .append("pattern", new BsonRegularExpression("^todo " + i, "i"))
                    .append("stamp", new BsonTimestamp(1_700_000_000, i))
                    .append("note", i % 2 == 0 ? BsonNull.VALUE : new BsonString(""))
                    .append("tags", new BsonArray(List.of(new BsonString("a"), new BsonInt32(i),
                            new BsonDocument("nested", new BsonArray(List.of(new BsonDocument("deep", new BsonInt32(i))))))))
                    .append("edges", edgeValues(i)));
        }
        database.getCollection("todos", BsonDocument.class).insertMany(todos);
        database.getCollection("todos").createIndex(Indexes.ascending("title"), new IndexOptions().unique(true).name("title_unique"));
        database.getCollection("todos").createIndex(Indexes.compoundIndex(Indexes.ascending("done"),
                Indexes.descending("due")), new IndexOptions().name("done_due"));
        List<BsonDocument> accounts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accounts.add(new BsonDocument("_id", new BsonString("user-" + i)).append("email", new BsonString("u" + i + "@example.org")));
        }
        database.getCollection("accounts", BsonDocument.class).insertMany(accounts);
        database.getCollection("accounts").createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
        database.createCollection("empty");
        return database;
    }

    /**
     * The values whose bytes a careless codec changes: signed zeros, NaN and infinities, extreme
     * integers, min/max keys, timestamps, pre-epoch dates, rare binary subtypes, empty and deeply
     * nested containers, unusual keys and field order.
     */
    private static BsonDocument edgeValues(int i) {
        BsonValue deep = new BsonInt32(i);
        for (int level = 0; level < 40; level++) {
            deep = level % 2 == 0 ? new BsonDocument("d", deep) : new BsonArray(List.of(deep));
        }
        return new BsonDocument("zFirst", new BsonString("field order is kept"))
                .append("negativeZero", new BsonDouble(-0.0))
                .append("nan", new BsonDouble(Double.NaN))
                .append("infinity", new BsonDouble(Double.POSITIVE_INFINITY))
                .append("minusInfinity", new BsonDouble(Double.NEGATIVE_INFINITY))
                .append("tiny", new BsonDouble(Double.MIN_VALUE))
                .append("huge", new BsonDouble(Double.MAX_VALUE))
                .append("int32Min", new BsonInt32(Integer.MIN_VALUE))
                .append("int32Max", new BsonInt32(Integer.MAX_VALUE))
                .append("int64Min", new BsonInt64(Long.MIN_VALUE))
                .append("int64Max", new BsonInt64(Long.MAX_VALUE))
                .append("decimalNaN", new BsonDecimal128(Decimal128.NaN))
                .append("decimalMinusZero", new BsonDecimal128(Decimal128.NEGATIVE_ZERO))
                .append("decimalInfinity", new BsonDecimal128(Decimal128.POSITIVE_INFINITY))
                .append("decimalPrecise", new BsonDecimal128(Decimal128.parse("0.1000000000000000000000000000000001")))
                .append("minKey", new BsonMinKey())
                .append("maxKey", new BsonMaxKey())
                .append("timestampZero", new BsonTimestamp(0, 0))
                .append("timestampMax", new BsonTimestamp(-1, -1))
                .append("beforeEpoch", new BsonDateTime(-62_135_596_800_000L))
                .append("farFuture", new BsonDateTime(253_402_300_799_999L))
                .append("emptyBinary", new BsonBinary(new byte[0]))
                .append("legacyUuid", new BsonBinary(BsonBinarySubType.UUID_LEGACY, new byte[16]))
                .append("userDefined", new BsonBinary((byte) 0x80, new byte[] {(byte) 0xff, 0, (byte) i}))
                .append("code", new BsonJavaScript("function () { return " + i + "; }"))
                .append("regexAllFlags", new BsonRegularExpression("^a.b$", "imsux"))
                .append("emptyDocument", new BsonDocument())
                .append("emptyArray", new BsonArray())
                .append("emptyString", new BsonString(""))
                .append("controlAndQuotes", new BsonString("tab\t newline\n quote\" backslash\\ \u0001"))
                .append("cl\u00e9 \u65e5\u672c \ud83d\ude80", new BsonString("unicode key"))
                .append("deep", deep);
    }

    /** Every collection's documents as raw bytes keyed by {@code _id}: equal maps mean byte-identical data. */
    static Map<String, Map<String, String>> snapshot(MongoDatabase database) {
        Map<String, Map<String, String>> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            Map<String, String> documents = new TreeMap<>();
            for (RawBsonDocument document : database.getCollection(name, RawBsonDocument.class).find()) {
                BsonValue id = document.get("_id");
                ByteBuffer bytes = document.getByteBuffer().asNIO();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                documents.put(id.toString(), HexFormat.of().formatHex(copy));
            }
            collections.put(name, documents);
        }
        return collections;
    }

    /** Index names (with their unique flag) per collection. */
    static Map<String, List<String>> indexes(MongoDatabase database) {
        Map<String, List<String>> indexes = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            List<String> names = new ArrayList<>();
            database.getCollection(name).listIndexes(BsonDocument.class).forEach(index -> names.add(
                    index.getString("name").getValue() + (index.getBoolean("unique", BsonBoolean.FALSE).getValue() ? " unique" : "")
                            + " " + index.getDocument("key").toJson()));
            names.sort(String::compareTo);
            indexes.put(name, names);
        }
        return indexes;
    }

    static BackupJob backupJob(MongoDatabase database, ArchiveStore store) {
        return new BackupJob(database, store, new DatabaseDumper("todolist-backup-test"), Clock.systemUTC());
    }

    static RestoreJob restoreJob(String target, ArchiveStore store, RestoreListener listener) {
        return restoreJob(client(), target, store, listener);
    }

    /** A restore through {@code client} (another server than the fixture, or another process's), safety backup included. */
    static RestoreJob restoreJob(MongoClient client, String target, ArchiveStore store, RestoreListener listener) {
        return new RestoreJob(client, target, backupJob(client.getDatabase(target), store), store, listener);
    }

    /** A seeded database with a manual backup of it in a store: where the restore tests start. */
    record BackedUp(MongoDatabase database, ArchiveStore store, BackupResult backup) {

        /** Restores the backup over the database, as {@code restore ARCHIVE} does, reporting to {@code listener}. */
        RestoreResult restore(RestoreListener listener) throws IOException, RestoreFailedException {
            return restoreJob(database.getName(), store, listener).restore(backup.archive(), Optional.empty(), false);
        }

        /**
         * Changes the database after its backup, in two collections (fewer todos, one more
         * account), so that a restore stopped between two collections leaves it mixed; answers a
         * {@link #snapshot} of the changed data.
         */
        Map<String, Map<String, String>> changeAfterTheBackup() {
            database.getCollection("todos").deleteMany(Filters.lt("priority", 2));
            database.getCollection("accounts").insertOne(new Document("_id", "added after the backup"));
            return snapshot(database);
        }
    }

    /** {@link #seeded} with a manual backup in {@code directory}. */
    static BackedUp backedUp(String prefix, Path directory) throws IOException {
        MongoDatabase database = seeded(prefix);
        ArchiveStore store = new ArchiveStore(directory);
        return new BackedUp(database, store, backupJob(database, store).backup(ArchiveKind.MANUAL));
    }

    static boolean hasStaging(MongoDatabase database) {
        return database.listCollectionNames().into(new ArrayList<>()).stream()
                .anyMatch(name -> name.startsWith(RestoreJob.STAGING_PREFIX));
    }
}
