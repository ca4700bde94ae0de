package dev.todolist.persistence;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which MongoDB the service talks to, decided once at start-up from the process environment.
 *
 * <ul>
 *   <li>{@code MONGODB_URI} set: that database ({@link External}).</li>
 *   <li>Not set, outside production: the embedded evaluation server persisting under
 *       {@code TODO_DATA_DIR} (default {@code ./data}) with a page cache of {@code TODO_DATA_CACHE_MB}
 *       (default: the store's, sized from the heap) ({@link Embedded}), when this build has it
 *       ({@link EmbeddedStore}); else {@link Refused}.</li>
 *   <li>Not set, in production: no database at all ({@link Refused}); an evaluation store that
 *       loses the last second of writes on a crash must never be production by accident.</li>
 * </ul>
 */
public sealed interface DatabaseSelection {

    String MONGODB_URI = "MONGODB_URI";
    String TODO_DATA_DIR = "TODO_DATA_DIR";
    String DEFAULT_DATA_DIR = "data";
    String TODO_DATA_CACHE_MB = "TODO_DATA_CACHE_MB";
    String PRODUCTION = "production";

    /** A MongoDB given by the operator. */
    record External(String uri) implements DatabaseSelection {
    }

    /**
     * The in-process evaluation server, persisting under {@code dataDirectory}.
     *
     * @param cacheMegabytes how much of the store file to keep deserialised on the heap, or
     *                       {@code null} for the store's default
     */
    record Embedded(Path dataDirectory, Integer cacheMegabytes) implements DatabaseSelection {

        public Embedded(Path dataDirectory) {
            this(dataDirectory, null);
        }
    }

    /** No database may be used; {@code reason} is one line for the operator. */
    record Refused(String reason) implements DatabaseSelection {
    }

    static DatabaseSelection choose(String environmentName, Map<String, String> env) {
        return choose(environmentName, env, EmbeddedStore.installed());
    }

    /** As {@link #choose(String, Map)}, for a build that has the embedded store or not (the production image). */
    static DatabaseSelection choose(String environmentName, Map<String, String> env, boolean embeddedStoreInstalled) {
        String uri = env.get(MONGODB_URI);
        if (uri != null && !uri.isBlank()) {
            return new External(uri.trim());
        }
        if (PRODUCTION.equals(environmentName)) {
            return new Refused("MONGODB_URI is required in the production environment;"
                    + " the embedded database is for evaluation only");
        }
        if (!embeddedStoreInstalled) {
            return new Refused("MONGODB_URI is required: this build has no embedded evaluation database"
                    + " (the production image leaves it out; the quick-start jar has it)");
        }
        String dataDir = env.get(TODO_DATA_DIR);
        Path dataDirectory = Path.of(dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir.trim());
        String cache = env.get(TODO_DATA_CACHE_MB);
        if (cache == null || cache.isBlank()) {
            return new Embedded(dataDirectory);
        }
        long heapMegabytes = Runtime.getRuntime().maxMemory() >> 20;
        try {
            int megabytes = Integer.parseInt(cache.trim());
            if (megabytes >= 1 && megabytes <= heapMegabytes / 2) {
                return new Embedded(dataDirectory, megabytes);
            }
        } catch (NumberFormatException e) {
            // refused below, with the accepted range
        }
        return new Refused(TODO_DATA_CACHE_MB + " must be a whole number of megabytes from 1 to half the heap ("
                + heapMegabytes / 2 + "), not \"" + cache.trim() + "\"");
    }
}
