package dev.todolist.backup.archive;

/** A MongoDB namespace as the archive names it; the oplog is {@code db:"" collection:"oplog"}. */
public record Namespace(String db, String collection) {

    private static final String BUCKETS_PREFIX = "system.buckets.";

    public static Namespace oplog() {
        return new Namespace("", "oplog");
    }

    public boolean isOplog() {
        return db.isEmpty() && "oplog".equals(collection);
    }

    public boolean isSystem() {
        return collection.startsWith("system.");
    }

    /** Where mongodump puts the documents of a time-series collection: its buckets collection. */
    public Namespace buckets() {
        return new Namespace(db, BUCKETS_PREFIX + collection);
    }

    @Override
    public String toString() {
        return isOplog() ? "oplog" : db + "." + collection;
    }
}
