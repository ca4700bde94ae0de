package dev.todolist.persistence;

import java.nio.file.Path;
import java.util.Map;

/**
 * Which MongoDB the service talks to, decided once at start-up from the process environment.
 *
 * <ul>
 *   <li>{@code MONGODB_URI} set: that database ({@link External}).</li>
 *   <li>Not set, outside production: the embedded evaluation server persisting under
 *       {@code TODO_DATA_DIR} (default {@code ./data}) ({@link Embedded}), when this build has it
 *       ({@link EmbeddedStore}); else {@link Refused}.</li>
 *   <li>Not set, in production: no database at all ({@link Refused}); an evaluation store that
 *       loses the last second of writes on a crash must never be production by accident.</li>
 * </ul>
 */
public sealed interface DatabaseSelection {

    String MONGODB_URI = "MONGODB_URI";
    String TODO_DATA_DIR = "TODO_DATA_DIR";
    String DEFAULT_DATA_DIR = "data";
    String PRODUCTION = "production";

    /** A MongoDB given by the operator. */
    record External(String uri) implements DatabaseSelection {
    }

    /** The in-process evaluation server, persisting under {@code dataDirectory}. */
    record Embedded(Path dataDirectory) implements DatabaseSelection {
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
        return new Embedded(Path.of(dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir.trim()));
    }
}
