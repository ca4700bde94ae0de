package dev.todolist.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory index on one top-level field, e.g. {@code {completed: 1}}: how many documents hold
 * each value. It answers a count whose filter says nothing but {@code field == value} without
 * reading a document, where the stock server (which implements no secondary index) deserialises
 * and matches every document of the collection: at 100 000 todos the completed count of the
 * metrics did that four times a minute.
 *
 * <p>Only values whose equality is exact in MongoDB's query language are counted: booleans, strings
 * and ObjectIds (a boolean never equals a number, a string never equals an ObjectId). A document
 * whose value is anything else (a number, a date, null, a sub-document, or no value at all) is
 * equal to none of them and counts for none. An array matches when any of its elements does, which
 * a count per value cannot tell: while any document holds one, the index serves nothing and every
 * count takes the stock path.
 *
 * <p>Like {@link OwnerSortIndex}, nothing of it is stored: the server keeps the index description
 * as it always does and the counts are rebuilt from the documents when the store opens; the
 * collection calls {@link #add}, {@link #remove} and {@link #updateInPlace} under its own lock for
 * every write, and {@link IndexedH2Backend} reads it under the same lock.
 */
final class ValueCountIndex extends MemoryOnlyIndex {

    private final String field;
    private final Map<Object, Integer> counts = new HashMap<>();
    private long documents;
    private int withArrays;

    private ValueCountIndex(String name, List<IndexKey> keys) {
        super(name, keys);
        this.field = keys.get(0).getKey();
    }

    /** An index for these keys, or {@code null} unless they are one plain top-level field other than {@code _id}. */
    static ValueCountIndex forKeys(String name, List<IndexKey> keys) {
        if (keys.size() != 1) {
            return null;
        }
        String key = keys.get(0).getKey();
        if (key.contains(".") || key.startsWith("$") || IndexedH2Backend.ID_FIELD.equals(key)) {
            return null;
        }
        return new ValueCountIndex(name, keys);
    }

    /** Whether a count of documents equal to {@code value} can be answered here. */
    static boolean countable(Object value) {
        return value instanceof Boolean || value instanceof String || value instanceof ObjectId;
    }

    String field() {
        return field;
    }

    /** False while some document holds an array in the field: then every count takes the stock path. */
    boolean servesCounts() {
        return withArrays == 0;
    }

    /** How many documents have exactly this (countable) value in the field. */
    int count(Object value) {
        return counts.getOrDefault(value, 0);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        documents++;
        change(valueOf(document), 1);
    }

    /** Returns the position as the collection computes it (H2: the {@code _id}), which it checks against its {@code _id} index. */
    @Override
    public Object remove(Document document) {
        documents--;
        change(valueOf(document), -1);
        return IndexedH2Backend.positionOf(document);
    }

    /** The collection passes a copy of the document as it was before the update. */
    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        change(valueOf(oldDocument), -1);
        change(valueOf(newDocument), 1);
    }

    private Object valueOf(Document document) {
        return Utils.getSubdocumentValueCollectionAware(document, field);
    }

    private void change(Object value, int delta) {
        if (value instanceof Collection<?>) {
            withArrays += delta;
        } else if (countable(value)) {
            counts.merge(value, delta, (count, change) -> count + change == 0 ? null : count + change);
        }
    }

    @Override
    public long getCount() {
        return documents;
    }

    @Override
    public void drop() {
        counts.clear();
        documents = 0;
        withArrays = 0;
    }
}
