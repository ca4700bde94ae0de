package dev.todolist.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.exception.NamespaceExistsException;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * mongo-java-server's H2 database with a {@code renameCollection} that survives a restart.
 *
 * <p>In mongo-java-server 1.47 {@code H2Database.moveCollection} first lets the generic code rename
 * the collection object and only then derives the MVStore map names from it, so it "renames" the
 * new name's maps onto themselves: the documents stay in {@code databases.<db>.<old>}, the indexes
 * in {@code <db>.<old>._index_*}, while the catalogue ({@code system.namespaces},
 * {@code system.indexes}) already says {@code <new>}. Until the restart everything looks right (the
 * collection object still holds the old maps); after it the renamed collection opens empty, and
 * re-creating the old name brings the old documents back (duplicate keys). The backup job's restore
 * swaps collections in by renaming, so without this a restore into the embedded store was lost at
 * the next restart. No upstream issue or fix for this was found (bwaldvogel/mongo-java-server).
 *
 * <p>Here the maps are renamed in the store before the generic step runs; the stock step then finds
 * its maps already under the new name and its own renames become no-ops. Map names stay those of
 * the stock backend, so existing store files open unchanged. Stores already damaged by the stock
 * rename are not repaired: their orphaned maps keep the only copy of the lost documents.
 */
class DurableRenameH2Database extends H2Database {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";

    private final MVStore store;

    DurableRenameH2Database(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
        this.store = store;
    }

    /**
     * Synchronized with the collection lookups of {@code AbstractSynchronizedMongoDatabase}, so no
     * client creates the target between the check that its name is free and the rename.
     */
    @Override
    public synchronized void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection,
                                            String newCollectionName) {
        if (resolveCollection(newCollectionName, false) != null) {
            throw new NamespaceExistsException("target namespace exists");
        }
        Map<String, String> renames = mapRenames(collection.getFullName(), getFullCollectionNamespace(newCollectionName),
                collection);
        renames.values().forEach(this::removeLeftoverOfAnUnregisteredCollection);
        renames.forEach((from, to) -> {
            if (store.hasMap(from)) {
                store.renameMap(store.openMap(from), to);
            }
        });
        super.moveCollection(oldDatabase, collection, newCollectionName);
        // A restore swaps collections in by renaming: make the swap durable now, not at the next auto-commit.
        store.commit();
    }

    /** Old map name to new map name for the documents, the metadata and every index of the collection. */
    private static Map<String, String> mapRenames(String oldNamespace, String newNamespace, MongoCollection<?> collection) {
        Map<String, String> renames = new LinkedHashMap<>();
        renames.put(DATA_PREFIX + oldNamespace, DATA_PREFIX + newNamespace);
        renames.put(META_PREFIX + oldNamespace, META_PREFIX + newNamespace);
        for (Index<?> index : collection.getIndexes()) {
            renames.put(oldNamespace + INDEX_INFIX + index.getName(), newNamespace + INDEX_INFIX + index.getName());
        }
        return renames;
    }

    /**
     * A map under a target name while no collection of that name is registered is a leftover: a
     * dropped collection's map the stock drop did not remove, or the empty map the stock rename
     * opened. It is removed so the rename can take the name. A non-empty documents map is refused
     * instead: it holds documents a stock rename orphaned, and deleting them would lose them for good.
     */
    private void removeLeftoverOfAnUnregisteredCollection(String mapName) {
        if (!store.hasMap(mapName)) {
            return;
        }
        MVMap<Object, Object> leftover = store.openMap(mapName);
        if (mapName.startsWith(DATA_PREFIX) && !leftover.isEmpty()) {
            throw new MongoServerException("cannot rename: the store still holds " + leftover.size()
                    + " orphaned documents under " + mapName.substring(DATA_PREFIX.length())
                    + " (left by an earlier rename); move them away first");
        }
        store.removeMap(leftover);
    }
}
