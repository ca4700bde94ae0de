package dev.todolist.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * mongo-java-server's H2 MVStore backend with the shortcuts every real MongoDB takes for the
 * queries of {@code TodoService}:
 * <ul>
 *   <li>A query that pins {@code _id} to one value reads that one document instead of scanning the
 *   collection. The stock server uses its {@code _id} index only when {@code _id} is the query's
 *   <em>only</em> key; every lookup of {@code TodoService} also names the owner ({@code {ownerId, _id}})
 *   and Micronaut Data's version-checked updates name the version ({@code {_id, version}}).</li>
 *   <li>A query that pins a field to a string and sorts by {@code (field2, _id)}, both ascending or
 *   both descending, reads the documents of that value in order from an {@link OwnerSortIndex} on
 *   {@code (field, field2, _id)} and stops after the page, instead of matching and sorting every
 *   document (the stock server implements no secondary index: it ignores them with a warning).
 *   When the pinned field is the query's only condition, the page's offset is skipped in the index
 *   by rank (O(log n), however deep the page) without reading the skipped documents.</li>
 * </ul>
 * A count ({@code countDocuments}) whose filter pins the group field of such an index is answered
 * from that value's entries: their number when the pin is the only condition, else those of their
 * documents the whole filter matches. A count whose filter says nothing but {@code field == value}
 * for the field of a single-field index (e.g. {@code {completed: true}}) is answered from the
 * {@link ValueCountIndex} kept for it, without reading a document.
 *
 * <p>The whole query is still matched against each candidate the stock way, in the stock sort order:
 * the answer is the same, the scan is gone; anything else takes the stock path. Map names and index
 * descriptions are those of {@link H2Database} (mongo-java-server 1.47), so a store written by the
 * stock backend opens here unchanged and the other way round (proved by a test).
 */
final class IndexedH2Backend extends H2Backend {

    static final String ID_FIELD = "_id";

    /** Opens (or creates) the store file with a page cache of {@code cacheMegabytes} (H2's default is 16). */
    IndexedH2Backend(String storeFile, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(storeFile).cacheSize(cacheMegabytes).open());
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

        /**
         * The driver's {@code countDocuments} is an aggregation: {@code $match} then
         * {@code $group {_id: 1, n: {$sum: 1}}}. When the match pins an index's group field, the
         * index knows the count or the documents to count; the reply is the one the stock
         * aggregation gives (no document for 0).
         */
        @Override
        public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                      Oplog oplog) {
            if ("aggregate".equalsIgnoreCase(command)) {
                List<Document> counted = countThroughIndex(query);
                if (counted != null) {
                    clearLastStatus(channel);
                    Document reply = new Document("cursor", new Document("id", 0L)
                            .append("ns", getFullCollectionNamespace((String) query.get("aggregate")))
                            .append("firstBatch", counted));
                    Utils.markOkay(reply);
                    return reply;
                }
            }
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }

        /** The first batch of a count aggregation answered by an index, or {@code null} when none can. */
        private List<Document> countThroughIndex(Document command) {
            if (!(command.get("aggregate") instanceof String collectionName)
                    || !(command.get("pipeline") instanceof List<?> pipeline) || pipeline.size() != 2
                    || !(pipeline.get(0) instanceof Document match) || match.size() != 1
                    || !(match.get("$match") instanceof Document filter) || !COUNT_STAGE.equals(pipeline.get(1))
                    || !(resolveCollection(collectionName, false) instanceof Collection collection)) {
                return null;
            }
            int count = collection.countThroughIndex(filter);
            if (count < 0) {
                return null;
            }
            return count == 0 ? List.of() : List.of(new Document("_id", 1).append("n", count));
        }

        /** Called for each non-unique index when it is created and, from its stored description, when the store opens. */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                           boolean sparse) {
            Index<Object> index = sparse ? null : OwnerSortIndex.forKeys(indexName, keys);
            if (index == null && !sparse) {
                index = ValueCountIndex.forKeys(indexName, keys);
            }
            return index != null ? index : super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
        }
    }

    /** A document's position in an {@link H2Collection}, which keys its documents by their {@code _id} value. */
    static Object positionOf(Document document) {
        return Missing.ofNullable(Utils.getSubdocumentValue(document, ID_FIELD));
    }

    /** The stage the driver's countDocuments ends its pipeline with. */
    private static final Document COUNT_STAGE =
            new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)));

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                   MVMap<Object, Document> documents, MVMap<String, Object> metadata,
                   CursorRegistry cursors) {
            super(database, collectionName, options, documents, metadata, cursors);
        }

        /**
         * Under the collection's lock like every write, so that no write slips between filling the
         * index and listing it. Our indexes refuse no document, so they are filled in one pass over
         * the documents instead of the stock two (a check pass, then an add pass): at 100 000 todos
         * each pass deserialises every document from the store when it opens.
         */
        @Override
        public synchronized void addIndex(Index<Object> index) {
            boolean ours = index instanceof OwnerSortIndex || index instanceof ValueCountIndex;
            if (ours && index.isEmpty() && getIndexes().stream().noneMatch(i -> i.getName().equals(index.getName()))) {
                streamAllDocumentsWithPosition().forEach(found -> index.add(found.getDocument(), found.getPosition(), this));
            }
            super.addIndex(index);
        }

        /** Under the collection's lock (re-entered from handleQuery): the indexes change only under it. */
        @Override
        protected synchronized QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip,
                                                          int numberToReturn, int batchSize, Document projection) {
            Object id = pinnedValue(query, getIdField());
            if (id instanceof ObjectId || id instanceof String) {
                // H2Collection keys its documents by their _id value.
                Document candidate = getDocument(id);
                return matchDocumentsFromStream(candidate == null ? Stream.empty() : Stream.of(candidate), query, orderBy,
                        numberToSkip, numberToReturn, batchSize, projection);
            }
            Boolean ascending = ascendingWithIdTieBreak(orderBy);
            if (ascending != null) {
                String sortField = orderBy.keySet().iterator().next();
                for (Index<Object> index : getIndexes()) {
                    if (index instanceof OwnerSortIndex ordered && ordered.sortField().equals(sortField)
                            && ordered.servesQueries()
                            && pinnedValue(query, ordered.groupField()) instanceof String group) {
                        if (onlyPins(query, ordered.groupField(), group)) {
                            return matchDocumentsFromStream(page(ordered, group, ascending, numberToSkip, numberToReturn),
                                    query, null, 0, numberToReturn, batchSize, projection);
                        }
                        Stream<Document> inOrder = stream(ordered.positions(group, ascending)).map(this::getDocument);
                        return matchDocumentsFromStream(inOrder, query, null, numberToSkip, numberToReturn, batchSize,
                                projection);
                    }
                }
            }
            return super.queryDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, projection);
        }

        /**
         * The documents of one page of a group, every one of which the query matches: the offset is
         * skipped in the index by rank, without reading the skipped documents or walking to them.
         */
        private Stream<Document> page(OwnerSortIndex index, String group, boolean ascending, int numberToSkip,
                                      int numberToReturn) {
            Stream<Object> positions = stream(index.positions(group, ascending, Math.max(numberToSkip, 0)));
            return (numberToReturn > 0 ? positions.limit(numberToReturn) : positions).map(this::getDocument);
        }

        private static Stream<Object> stream(Iterator<Object> positions) {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(positions, Spliterator.ORDERED), false);
        }

        /**
         * How many documents match a filter that says nothing but {@code field == value} for the field
         * of a {@link ValueCountIndex}: its count of that value. Else, for a filter that pins an
         * index's group field to a string: the size of the group's entries when that is the filter's
         * only condition, else the group's documents matched one by one the stock way (never the rest
         * of the collection, never a list of them). -1 for any other filter.
         */
        synchronized int countThroughIndex(Document filter) {
            for (Index<Object> index : getIndexes()) {
                if (index instanceof ValueCountIndex counts && counts.servesCounts()) {
                    Object value = pinnedValue(filter, counts.field());
                    if (value != null && onlyPins(filter, counts.field(), value)) {
                        return counts.count(value);
                    }
                }
            }
            for (Index<Object> index : getIndexes()) {
                if (index instanceof OwnerSortIndex ordered && ordered.servesQueries()
                        && pinnedValue(filter, ordered.groupField()) instanceof String group) {
                    if (onlyPins(filter, ordered.groupField(), group)) {
                        return ordered.size(group);
                    }
                    int matching = 0;
                    for (Iterator<Object> positions = ordered.positions(group, true); positions.hasNext(); ) {
                        if (documentMatchesQuery(getDocument(positions.next()), filter)) {
                            matching++;
                        }
                    }
                    return matching;
                }
            }
            return -1;
        }

        /**
         * True for {@code {field: 1, _id: 1}}, false for {@code {field: -1, _id: -1}}, null for any
         * other order (then no index serves it).
         */
        private static Boolean ascendingWithIdTieBreak(Document orderBy) {
            if (orderBy == null || orderBy.size() != 2) {
                return null;
            }
            Iterator<Map.Entry<String, Object>> keys = orderBy.entrySet().iterator();
            Map.Entry<String, Object> sort = keys.next();
            Map.Entry<String, Object> tieBreak = keys.next();
            if (!"_id".equals(tieBreak.getKey()) || sort.getKey().startsWith("$")
                    || !(sort.getValue() instanceof Number first) || !(tieBreak.getValue() instanceof Number second)) {
                return null;
            }
            double direction = first.doubleValue();
            if ((direction != 1 && direction != -1) || direction != second.doubleValue()) {
                return null;
            }
            return direction == 1;
        }

        /**
         * The one value every match must have in {@code field}: a plain (non-operator) value at the
         * top of the query or in one clause of a top-level {@code $and}; {@code null} otherwise.
         * Callers accept only ObjectIds, strings and booleans: numbers compare across types in MongoDB.
         */
        private static Object pinnedValue(Document query, String field) {
            if (field == null || query == null) {
                return null;
            }
            Object value = query.get(field);
            if (value == null && query.get("$and") instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document && isPlain(document.get(field))) {
                        return document.get(field);
                    }
                }
            }
            return isPlain(value) ? value : null;
        }

        private static boolean isPlain(Object value) {
            return ValueCountIndex.countable(value);
        }

        /** True when the query says nothing but {@code field == value} (alone or as every clause of a top-level $and). */
        private static boolean onlyPins(Document query, String field, Object value) {
            if (query.size() != 1) {
                return false;
            }
            if (value.equals(query.get(field))) {
                return true;
            }
            if (!(query.get("$and") instanceof List<?> clauses) || clauses.isEmpty()) {
                return false;
            }
            for (Object clause : clauses) {
                if (!(clause instanceof Document document) || document.size() != 1 || !value.equals(document.get(field))) {
                    return false;
                }
            }
            return true;
        }
    }
}
