package dev.todolist.backup.archive;

import java.nio.charset.StandardCharsets;

/**
 * MongoDB's naming rules, applied to every namespace of an archive while it is read, so that a
 * restore refuses a hostile or damaged archive before it touches anything (an empty collection
 * name would only fail halfway through the swap). Stricter than the server where the server is
 * lenient but the name could only come from a forged archive: a collection name starts with a
 * letter or an underscore, as MongoDB's documentation asks, so {@code ../x} is refused.
 */
final class NamespaceRules {

    /** MongoDB refuses these in database names on every platform (plus NUL). */
    private static final String DATABASE_FORBIDDEN = "/\\. \"$";
    private static final int DATABASE_MAX_BYTES = 63;
    /** The longest namespace ({@code db.collection}) MongoDB accepts. */
    private static final int NAMESPACE_MAX_BYTES = 255;

    private NamespaceRules() {
    }

    /** @throws ArchiveFormatException naming the rule the namespace breaks (the name shown escaped) */
    static void check(Namespace namespace) throws ArchiveFormatException {
        if (namespace.isOplog()) {
            return;
        }
        String problem = databaseProblem(namespace.db());
        if (problem == null) {
            problem = collectionProblem(namespace.collection());
        }
        if (problem == null && utf8Length(namespace.db()) + 1 + utf8Length(namespace.collection()) > NAMESPACE_MAX_BYTES) {
            problem = "the namespace is longer than " + NAMESPACE_MAX_BYTES + " bytes";
        }
        if (problem != null) {
            throw new ArchiveFormatException("invalid namespace " + namespace + ": " + problem);
        }
    }

    private static String databaseProblem(String db) {
        if (db.isEmpty()) {
            return "the database name is empty";
        }
        if (utf8Length(db) > DATABASE_MAX_BYTES) {
            return "the database name is longer than " + DATABASE_MAX_BYTES + " bytes";
        }
        for (int i = 0; i < db.length(); i++) {
            char c = db.charAt(i);
            if (c < 0x20 || DATABASE_FORBIDDEN.indexOf(c) >= 0) {
                return "a database name cannot hold NUL, control characters or any of " + DATABASE_FORBIDDEN;
            }
        }
        return null;
    }

    private static String collectionProblem(String collection) {
        if (collection.isEmpty()) {
            return "the collection name is empty";
        }
        char first = collection.charAt(0);
        if (!Character.isLetter(first) && first != '_') {
            return "a collection name starts with a letter or an underscore";
        }
        for (int i = 0; i < collection.length(); i++) {
            char c = collection.charAt(i);
            if (c < 0x20 || c == '$') {
                return "a collection name cannot hold NUL, control characters or $";
            }
        }
        return null;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
