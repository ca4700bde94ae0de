package dev.todolist.backup.archive;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parsed metadata JSON of one collection: what mongorestore reads from it (options, indexes,
 * collection name, uuid) and what a restore recreates.
 *
 * @param options  collection options (capped, validator, collation, viewOn/pipeline, timeseries...)
 * @param indexes  index specs as the server listed them ({@code v}, {@code key}, {@code name}, options)
 * @param uuid     32 hex digits, or {@code null}
 */
public record CollectionDescription(BsonDocument options, List<BsonDocument> indexes, String uuid,
                                    String collectionName, String type) {

    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-fA-F]{32}");

    public CollectionDescription {
        options = options == null ? new BsonDocument() : options;
        indexes = List.copyOf(indexes);
    }

    /** Index names, in the order listed. */
    public List<String> indexNames() {
        return indexes.stream().map(index -> index.getString("name").getValue()).toList();
    }

    /**
     * Parses and checks a metadata JSON text (canonical or relaxed Extended JSON).
     *
     * @throws ArchiveFormatException naming the problem, e.g. for text that is not JSON at all
     */
    public static CollectionDescription parse(String json) throws ArchiveFormatException {
        BsonDocument document;
        try {
            document = BsonDocument.parse(json);
        } catch (JsonParseException | org.bson.BsonInvalidOperationException e) {
            throw new ArchiveFormatException("not valid Extended JSON (" + e.getMessage() + ")", e);
        }
        BsonDocument options = null;
        if (document.containsKey("options")) {
            options = requireType(document.get("options"), "options", BsonDocument.class);
        }
        List<BsonDocument> indexes = new ArrayList<>();
        if (document.containsKey("indexes")) {
            BsonArray array = requireType(document.get("indexes"), "indexes", BsonArray.class);
            for (BsonValue value : array) {
                BsonDocument index = requireType(value, "an index spec", BsonDocument.class);
                requireType(index.get("key"), "index \"key\"", BsonDocument.class);
                requireType(index.get("name"), "index \"name\"", BsonString.class);
                indexes.add(index);
            }
        }
        String uuid = optionalString(document, "uuid");
        if (uuid != null && !UUID_HEX.matcher(uuid).matches()) {
            throw new ArchiveFormatException("\"uuid\" is not 32 hex digits: " + uuid);
        }
        return new CollectionDescription(options, indexes, uuid,
                optionalString(document, "collectionName"), optionalString(document, "type"));
    }

    private static String optionalString(BsonDocument document, String key) throws ArchiveFormatException {
        return document.containsKey(key) ? requireType(document.get(key), "\"" + key + "\"", BsonString.class).getValue() : null;
    }

    private static <T extends BsonValue> T requireType(BsonValue value, String what, Class<T> type)
            throws ArchiveFormatException {
        if (!type.isInstance(value)) {
            throw new ArchiveFormatException(what + " must be " + type.getSimpleName().replace("Bson", "").toLowerCase()
                    + " but is " + (value == null ? "missing" : value.getBsonType()));
        }
        return type.cast(value);
    }

    /** The metadata JSON mongodump writes: canonical Extended JSON v2, keys in mongodump's order. */
    public String toCanonicalJson() {
        BsonDocument document = new BsonDocument();
        if (!options.isEmpty()) {
            document.put("options", options);
        }
        document.put("indexes", new BsonArray(new ArrayList<>(indexes)));
        if (uuid != null) {
            document.put("uuid", new BsonString(uuid));
        }
        if (collectionName != null) {
            document.put("collectionName", new BsonString(collectionName));
        }
        if (type != null) {
            document.put("type", new BsonString(type));
        }
        return CanonicalExtendedJson.write(document);
    }
}
