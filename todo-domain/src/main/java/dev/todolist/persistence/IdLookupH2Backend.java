package dev.todolist.persistence;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;

import java.util.List;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 MVStore backend with the one shortcut every real MongoDB takes: a query
 * that pins {@code _id} to one value reads that one document instead of scanning the collection.
 *
 * <p>The stock server uses its {@code _id} index only when {@code _id} is the query's <em>only</em>
 * key. Every lookup of {@code TodoService} also names the owner ({@code {ownerId, _id}}) and
 * Micronaut Data's version-checked updates name the version ({@code {_id, version}}), so each get,
 * patch and delete scanned every stored todo. Here the document with that {@code _id} is the only
 * candidate and the whole query is still matched against it the stock way: the answer is the same,
 * the scan is gone. Lists and counts still scan (the server implements no secondary index).
 *
 * <p>The H2 map names are those of {@link H2Database} (mongo-java-server 1.47), so a store written
 * by the stock backend opens here unchanged and the other way round (proved by a test).
 */
final class IdLookupH2Backend extends H2Backend {

    IdLookupH2Backend(String storeFile) {
        super(storeFile);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    /** Inner (not static): H2Database's constructor opens the existing collections before our fields are set. */
    private final class Database extends DurableRenameH2Database {

        Database(String databaseName, CursorRegistry cursors) {
            super(databaseName, getMvStore(), cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            return new Collection(this, collectionName, options, getMvStore().openMap("databases." + namespace),
                    getMvStore().openMap("meta." + namespace), cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                   MVMap<Object, Document> documents, MVMap<String, Object> metadata,
                   CursorRegistry cursors) {
            super(database, collectionName, options, documents, metadata, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
                                             int batchSize, Document projection) {
            Object id = pinnedId(query);
            if (id == null) {
                return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, projection);
            }
            // H2Collection keys its documents by their _id value.
            Document candidate = getDocument(id);
            return matchDocumentsFromStream(candidate == null ? Stream.empty() : Stream.of(candidate), query, orderBy,
                    numberToSkip, numberToReturn, batchSize, projection);
        }

        /**
         * The single {@code _id} every match must have: a plain ObjectId or string value at the top
         * of the query or in one clause of a top-level {@code $and}. Anything else (operators,
         * numbers, which MongoDB compares across types) takes the stock path.
         */
        private Object pinnedId(Document query) {
            if (getIdField() == null || query == null) {
                return null;
            }
            Object value = query.get(getIdField());
            if (value == null && query.get("$and") instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document && isPlainId(document.get(getIdField()))) {
                        return document.get(getIdField());
                    }
                }
            }
            return isPlainId(value) ? value : null;
        }

        private static boolean isPlainId(Object value) {
            return value instanceof ObjectId || value instanceof String;
        }
    }
}
