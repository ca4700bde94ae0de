package dev.todolist.backup.job;

import dev.todolist.backup.archive.ArchiveSummary;
import dev.todolist.backup.archive.CollectionDescription;
import dev.todolist.backup.archive.CollectionMetadata;
import dev.todolist.backup.archive.CollectionType;
import dev.todolist.backup.archive.Namespace;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a restore of one archive into one database will do: which namespaces of the archive become
 * which collections, and which are skipped and why. An archive from mongodump may hold several
 * databases, the oplog and server-internal collections; the job restores one database's own
 * collections and views and says what it leaves out.
 *
 * @param skippedTimeseries names of the archive's time-series collections that the restore leaves
 *                          alone (a live collection of such a name is neither replaced nor dropped)
 */
public record RestorePlan(String sourceDatabase, String targetDatabase, List<CollectionRestore> collections,
                          List<CollectionRestore> views, List<Skipped> skipped, List<String> skippedTimeseries) {

    private static final Set<String> SERVER_DATABASES = Set.of("admin", "config", "local");

    /** One collection (or view) to recreate: its description and the document count it must end with. */
    public record CollectionRestore(CollectionMetadata metadata, CollectionDescription description, String name,
                                    long expectedDocuments) {

        public Namespace bodyNamespace() {
            return metadata.bodyNamespace();
        }

        /** Index names the restored collection must have ({@code _id_} comes with every collection). */
        public List<String> indexNames() {
            return description.indexNames();
        }
    }

    public record Skipped(Namespace namespace, long documents, String reason) {
    }

    /**
     * @param sourceDatabase the archive's database to restore, or empty to take the only one it holds
     * @param skipTimeseries restore the rest when the database holds time-series collections, which
     *                       the job cannot restore (without it such an archive is refused)
     * @throws PlanException when the choice of database is ambiguous or names a database the archive
     *                       lacks, or when the database holds time-series collections and {@code skipTimeseries} is off
     */
    public static RestorePlan of(ArchiveSummary summary, String targetDatabase, Optional<String> sourceDatabase,
                                 boolean skipTimeseries) throws IOException {
        Set<String> userDatabases = new TreeSet<>();
        for (CollectionMetadata collection : summary.collections()) {
            String db = collection.namespace().db();
            if (!db.isEmpty() && !SERVER_DATABASES.contains(db)) {
                userDatabases.add(db);
            }
        }
        String source;
        if (sourceDatabase.isPresent()) {
            source = sourceDatabase.get();
            if (!userDatabases.contains(source) && !userDatabases.isEmpty()) {
                throw new PlanException("the archive holds no database \"" + source + "\"; it holds " + userDatabases);
            }
        } else if (userDatabases.size() > 1) {
            throw new PlanException("the archive holds several databases " + userDatabases
                    + ": choose one with --from-database");
        } else {
            source = userDatabases.isEmpty() ? targetDatabase : userDatabases.iterator().next();
        }

        List<CollectionRestore> collections = new ArrayList<>();
        List<CollectionRestore> views = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<String> timeseries = new ArrayList<>();
        for (CollectionMetadata collection : summary.collections()) {
            Namespace namespace = collection.namespace();
            long documents = summary.documentsOf(collection);
            if (namespace.isOplog()) {
                skipped.add(new Skipped(namespace, documents, "oplog entries are not replayed: the restore is the"
                        + " dump's snapshot (use mongorestore --oplogReplay for a point in time)"));
            } else if (!namespace.db().equals(source)) {
                skipped.add(new Skipped(namespace, documents, "another database than the one restored (" + source + ")"));
            } else if (namespace.isSystem()) {
                skipped.add(new Skipped(namespace, documents, "a server-internal system collection"));
            } else if (collection.effectiveType() == CollectionType.TIMESERIES) {
                timeseries.add(namespace.collection());
                skipped.add(new Skipped(namespace, documents, "a time-series collection (its " + documents
                        + " bucket documents), skipped as --skip-timeseries asks: a live collection of that name is"
                        + " left as it is; restore it with mongorestore on MongoDB 5+"));
            } else {
                CollectionRestore restore = new CollectionRestore(collection,
                        CollectionDescription.parse(collection.metadataJson()), namespace.collection(), documents);
                (collection.effectiveType() == CollectionType.VIEW ? views : collections).add(restore);
            }
        }
        if (!timeseries.isEmpty() && !skipTimeseries) {
            // A staged time-series collection cannot be renamed over the live one, so the job cannot
            // restore it safely; dropping or ignoring it silently would lose data.
            throw new PlanException("the archive's database " + source + " holds time-series collection(s) "
                    + timeseries + ", which this job cannot restore: restore them with mongorestore on MongoDB 5+,"
                    + " or pass --skip-timeseries to restore everything else and leave the live collections of"
                    + " those names as they are");
        }
        return new RestorePlan(source, targetDatabase, List.copyOf(collections), List.copyOf(views), List.copyOf(skipped),
                List.copyOf(timeseries));
    }

    public long documentCount() {
        return collections.stream().mapToLong(CollectionRestore::expectedDocuments).sum();
    }

    public Map<Namespace, CollectionRestore> byBodyNamespace() {
        Map<Namespace, CollectionRestore> map = new java.util.HashMap<>();
        collections.forEach(collection -> map.put(collection.bodyNamespace(), collection));
        return map;
    }

    public Set<String> restoredNames() {
        Set<String> names = new TreeSet<>();
        collections.forEach(collection -> names.add(collection.name()));
        views.forEach(view -> names.add(view.name()));
        return names;
    }

    /** The archive cannot be restored as asked (not a damaged archive: a choice the caller must make). */
    public static final class PlanException extends IOException {
        public PlanException(String message) {
            super(message);
        }
    }
}
