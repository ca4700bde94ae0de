package dev.todolist.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;

/**
 * What our in-memory indexes ({@link OwnerSortIndex}, {@link ValueCountIndex}) say to the stock
 * server alike: they are never unique, never answer the stock query path (only
 * {@link IndexedH2Backend} reads them), leave positions to the {@code _id} index and store nothing.
 * Each subclass keeps its own structure up to date through {@code add}, {@code remove} and
 * {@code updateInPlace}, which the collection calls under its lock for every write.
 */
abstract class MemoryOnlyIndex extends de.bwaldvogel.mongo.backend.Index<Object> {

    MemoryOnlyIndex(String name, List<IndexKey> keys) {
        super(name, keys, false);
    }

    /** Positions come from the {@code _id} index; this one never answers for a single document. */
    @Override
    public final Object getPosition(Document document) {
        return null;
    }

    /** Not unique: nothing to refuse. */
    @Override
    public final void checkAdd(Document document, MongoCollection<Object> collection) {
    }

    @Override
    public final void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    }

    /** The stock query path never uses this index; {@link IndexedH2Backend} reads it directly. */
    @Override
    public final boolean canHandle(Document query) {
        return false;
    }

    @Override
    public final Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("the stock query path does not use " + this);
    }

    /** Nothing is stored: the structure is rebuilt from the documents when the store opens. */
    @Override
    public final long getDataSize() {
        return 0;
    }
}
