package dev.todolist.backup.job;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether what the server reports for a restored collection (its {@code listCollections} options,
 * its {@code listIndexes} specs) still says everything the archive said. The server may add
 * defaults (MongoDB expands a collation to all its fields) but must not lose or change anything.
 */
final class ServerSpecs {

    /** Index spec fields that are bookkeeping, not behaviour: the server may rewrite or drop them. */
    private static final Set<String> INDEX_BOOKKEEPING = Set.of("v", "ns", "background", "name", "key");

    private ServerSpecs() {
    }

    /** What the server lost of the archive's collection options, if anything. */
    static Optional<String> optionsDifference(BsonDocument archived, BsonDocument reported) {
        return difference("", archived, reported);
    }

    /** What the server lost of the archive's index spec: its key (fields in order), or an option. */
    static Optional<String> indexDifference(BsonDocument archived, BsonDocument reported) {
        BsonDocument archivedKey = archived.getDocument("key");
        BsonValue reportedKey = reported.get("key");
        if (!(reportedKey instanceof BsonDocument key) || !sameInOrder(archivedKey, key)) {
            return Optional.of("key " + json(archivedKey) + " became " + (reportedKey == null ? "none" : json(reportedKey)));
        }
        BsonDocument options = new BsonDocument();
        archived.forEach((name, value) -> {
            if (!INDEX_BOOKKEEPING.contains(name)) {
                options.put(name, value);
            }
        });
        return difference("", options, reported);
    }

    private static Optional<String> difference(String path, BsonValue archived, BsonValue reported) {
        if (reported == null) {
            return Optional.of(path + " is missing (the archive says " + json(archived) + ")");
        }
        if (archived.isNumber() && reported.isNumber()) {
            return archived.asNumber().doubleValue() == reported.asNumber().doubleValue() ? Optional.empty()
                    : changed(path, archived, reported);
        }
        if (archived.isDocument() && reported.isDocument()) {
            for (Map.Entry<String, BsonValue> entry : archived.asDocument().entrySet()) {
                String child = path.isEmpty() ? entry.getKey() : path + "." + entry.getKey();
                Optional<String> difference = difference(child, entry.getValue(), reported.asDocument().get(entry.getKey()));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        if (archived.isArray() && reported.isArray()) {
            BsonArray expected = archived.asArray();
            BsonArray actual = reported.asArray();
            if (expected.size() != actual.size()) {
                return changed(path, archived, reported);
            }
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> difference = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
                if (difference.isPresent()) {
                    return difference;
                }
            }
            return Optional.empty();
        }
        return archived.equals(reported) ? Optional.empty() : changed(path, archived, reported);
    }

    private static Optional<String> changed(String path, BsonValue archived, BsonValue reported) {
        return Optional.of(path + " is " + json(reported) + ", the archive says " + json(archived));
    }

    /** Relaxed Extended JSON of any value, as people read it in an error message. */
    private static String json(BsonValue value) {
        String wrapped = new BsonDocument("v", value).toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build());
        return wrapped.substring("{\"v\": ".length(), wrapped.length() - 1);
    }

    /** Same field names in the same order with equal values: the order of an index key is its meaning. */
    private static boolean sameInOrder(BsonDocument archived, BsonDocument reported) {
        if (archived.size() != reported.size()) {
            return false;
        }
        Iterator<Map.Entry<String, BsonValue>> actual = reported.entrySet().iterator();
        for (Map.Entry<String, BsonValue> expected : archived.entrySet()) {
            Map.Entry<String, BsonValue> next = actual.next();
            if (!expected.getKey().equals(next.getKey()) || difference("", expected.getValue(), next.getValue()).isPresent()) {
                return false;
            }
        }
        return true;
    }
}
