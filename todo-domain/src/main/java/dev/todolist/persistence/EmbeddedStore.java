package dev.todolist.persistence;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;

/**
 * The embedded evaluation database of module {@code todo-embedded-store}, started in-process when
 * no {@code MONGODB_URI} is given. The quick-start jar carries that module and the production image
 * leaves it out, so nothing here may link against it: its server class is found by name, and
 * {@link #installed()} says whether this build has it.
 *
 * @param connectionString where it answers, without a database, e.g. {@code mongodb://127.0.0.1:40123}
 * @param storeFile        the file that holds the data
 * @param server           the running server, closed by {@link #close()}
 */
public record EmbeddedStore(String connectionString, Path storeFile, AutoCloseable server) implements AutoCloseable {

    static final String SERVER_CLASS = "dev.todolist.embedded.EmbeddedMongoServer";

    /** Whether the embedded store is on the class path (the quick-start jar: yes; the production image: no). */
    public static boolean installed() {
        try {
            Class.forName(SERVER_CLASS, false, EmbeddedStore.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * Starts the store persisting under {@code dataDirectory}, on a free loopback port, with a page
     * cache of {@code cacheMegabytes} ({@code null}: the store's default).
     */
    public static EmbeddedStore start(Path dataDirectory, Integer cacheMegabytes) {
        try {
            Class<?> type = Class.forName(SERVER_CLASS, true, EmbeddedStore.class.getClassLoader());
            Object server = cacheMegabytes == null
                    ? type.getMethod("persistent", Path.class, String.class, int.class)
                            .invoke(null, dataDirectory, "127.0.0.1", 0)
                    : type.getMethod("persistent", Path.class, String.class, int.class, int.class)
                            .invoke(null, dataDirectory, "127.0.0.1", 0, cacheMegabytes);
            return new EmbeddedStore((String) type.getMethod("connectionString").invoke(server),
                    (Path) type.getMethod("storeFile").invoke(server), (AutoCloseable) server);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("the embedded store did not start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this build has no usable embedded store (" + e + "): set MONGODB_URI", e);
        }
    }

    /** Flushes and closes the store file. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded store did not close cleanly", e);
        }
    }
}
