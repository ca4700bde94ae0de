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

    /** {@code db.collection} for people: control characters escaped, so a forged name cannot rewrite a terminal. */
    @Override
    public String toString() {
        return isOplog() ? "oplog" : printable(db + "." + collection);
    }

    /** {@code text} with every control character written as a backslash-u escape. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
