package dev.todolist.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.apache.commons.collections4.list.TreeList;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ListIterator;

/**
 * An in-memory index on {@code (group, sort, _id)}, e.g. {@code (ownerId, order, _id)}: for each
 * value of the group field, the positions of its documents in the order of the sort field, ties
 * broken by {@code _id}. It lets a query that pins the group field read one page in order instead
 * of matching and sorting the whole collection.
 *
 * <p>Nothing of it is stored: the server keeps the index description as it always does, and the
 * entries are rebuilt from the documents when the store opens. The collection calls
 * {@link #add}, {@link #remove} and {@link #updateInPlace} under its own lock for every write,
 * like for its {@code _id} index, and {@link IndexedH2Backend} reads it under the same lock.
 *
 * <p>The order is the stock server's: entries compare with the {@link ValueComparator} its sort
 * uses, on the values its sort reads ({@link Utils#getSubdocumentValueCollectionAware}). Documents
 * whose values that order cannot place the same way (an array, a non-string group value, an
 * {@code _id} that is neither an ObjectId nor a string) are only counted: while any exists, the
 * index serves nothing and every query takes the stock path.
 */
final class OwnerSortIndex extends MemoryOnlyIndex {

    private static final Comparator<Object> VALUES = ValueComparator.asc();
    private static final Comparator<Entry> ENTRIES = (a, b) -> {
        int bySort = VALUES.compare(a.sortValue(), b.sortValue());
        return bySort != 0 ? bySort : VALUES.compare(a.id(), b.id());
    };

    private final String groupField;
    private final String sortField;
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<Object, Entry> entriesByPosition = new HashMap<>();
    private int unorderable;

    private OwnerSortIndex(String name, List<IndexKey> keys) {
        super(name, keys);
        this.groupField = keys.get(0).getKey();
        this.sortField = keys.get(1).getKey();
    }

    /** An index for these keys, or {@code null} unless they are {@code (field, field, _id)} of plain top-level fields. */
    static OwnerSortIndex forKeys(String name, List<IndexKey> keys) {
        if (keys.size() != 3 || !IndexedH2Backend.ID_FIELD.equals(keys.get(2).getKey())) {
            return null;
        }
        for (IndexKey key : keys.subList(0, 2)) {
            if (key.getKey().contains(".") || key.getKey().startsWith("$") || IndexedH2Backend.ID_FIELD.equals(key.getKey())) {
                return null;
            }
        }
        return new OwnerSortIndex(name, keys);
    }

    String groupField() {
        return groupField;
    }

    String sortField() {
        return sortField;
    }

    /** False while some document cannot be placed in the stock order: then every query takes the stock path. */
    boolean servesQueries() {
        return unorderable == 0;
    }

    /** The positions of the group's documents in ascending or descending order of {@code (sort, _id)}. */
    Iterator<Object> positions(String groupValue, boolean ascending) {
        return positions(groupValue, ascending, 0);
    }

    /**
     * As {@link #positions(String, boolean)}, from the {@code skip}-th one on: the start is found in
     * O(log n) however deep it is (a page far into a long list costs what the first page costs).
     */
    Iterator<Object> positions(String groupValue, boolean ascending, int skip) {
        Group group = groups.get(groupValue);
        if (group == null || skip >= group.size()) {
            return Collections.emptyIterator();
        }
        ListIterator<Entry> entries = group.from(ascending ? Math.max(skip, 0) : group.size() - Math.max(skip, 0));
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ascending ? entries.hasNext() : entries.hasPrevious();
            }

            @Override
            public Object next() {
                return (ascending ? entries.next() : entries.previous()).position();
            }
        };
    }

    /** How many documents have this group value. */
    int size(String groupValue) {
        Group group = groups.get(groupValue);
        return group == null ? 0 : group.size();
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        Object groupValue = Utils.getSubdocumentValueCollectionAware(document, groupField);
        Object sortValue = Utils.getSubdocumentValueCollectionAware(document, sortField);
        Object id = document.get(IndexedH2Backend.ID_FIELD);
        Entry entry = new Entry(groupValue, sortValue, id, position);
        if (entriesByPosition.put(position, entry) != null) {
            throw new IllegalStateException("position " + position + " is already in " + this);
        }
        if (entry.orderable()) {
            groups.computeIfAbsent((String) groupValue, g -> new Group()).add(entry);
        } else {
            unorderable++;
        }
    }

    /** Returns the position as the collection computes it (H2: the {@code _id}), which it checks against its {@code _id} index. */
    @Override
    public Object remove(Document document) {
        Object position = IndexedH2Backend.positionOf(document);
        removePosition(position);
        return position;
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
                              MongoCollection<Object> collection) {
        removePosition(position);
        add(newDocument, position, collection);
    }

    private void removePosition(Object position) {
        Entry entry = entriesByPosition.remove(position);
        if (entry == null) {
            throw new IllegalStateException("no position " + position + " in " + this);
        }
        if (entry.orderable()) {
            Group group = groups.get((String) entry.groupValue());
            group.remove(entry);
            if (group.isEmpty()) {
                groups.remove((String) entry.groupValue());
            }
        } else {
            unorderable--;
        }
    }

    @Override
    public long getCount() {
        return entriesByPosition.size();
    }

    @Override
    public void drop() {
        groups.clear();
        entriesByPosition.clear();
        unorderable = 0;
    }

    /**
     * The entries of one group value in {@code (sort, _id)} order, in a list with positional access
     * in O(log n) (an AVL tree): found by binary search, reached by rank without walking.
     */
    private static final class Group {

        private final TreeList<Entry> entries = new TreeList<>();

        int size() {
            return entries.size();
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }

        ListIterator<Entry> from(int index) {
            return entries.listIterator(index);
        }

        void add(Entry entry) {
            int found = search(entry);
            if (found >= 0) {
                throw new IllegalStateException("entry " + entry + " is already in its group");
            }
            entries.add(-found - 1, entry);
        }

        void remove(Entry entry) {
            int found = search(entry);
            if (found < 0) {
                throw new IllegalStateException("entry " + entry + " is not in its group");
            }
            entries.remove(found);
        }

        /** The entry's index, or {@code -(insertion point) - 1}, as {@link Collections#binarySearch} answers. */
        private int search(Entry entry) {
            int low = 0;
            int high = entries.size() - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                int comparison = ENTRIES.compare(entries.get(middle), entry);
                if (comparison < 0) {
                    low = middle + 1;
                } else if (comparison > 0) {
                    high = middle - 1;
                } else {
                    return middle;
                }
            }
            return -(low + 1);
        }
    }

    private record Entry(Object groupValue, Object sortValue, Object id, Object position) {

        boolean orderable() {
            return groupValue instanceof String
                    && !(sortValue instanceof Collection<?>) && !(sortValue instanceof Document)
                    && (id instanceof ObjectId || id instanceof String);
        }
    }
}
