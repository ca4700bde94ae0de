package dev.todolist.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process server that speaks the MongoDB wire protocol (mongo-java-server).
 *
 * <p>It is the evaluation default when no {@code MONGODB_URI} is given, the last-resort test
 * database when neither an external MongoDB nor a Docker engine is at hand, and the stand-in for
 * {@code mongo:7} on machines that cannot run the real image. It is not MongoDB: no transactions,
 * no TTL expiry, no {@code $text}; writes of roughly the last second can be lost on a hard kill.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final String STORE_FILE = "todolist.mv";

    private final MongoServer server;
    private final InetSocketAddress address;
    private final Path storeFile;

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address, Path storeFile) {
        this.server = server;
        this.address = address;
        this.storeFile = storeFile;
    }

    /** Starts a server that persists under {@code dataDirectory} (H2 MVStore, one file), with the default page cache. */
    public static EmbeddedMongoServer persistent(Path dataDirectory, String host, int port) {
        return persistent(dataDirectory, host, port, defaultCacheMegabytes());
    }

    /**
     * The page cache when none is given: a quarter of the maximum heap, at least H2's own default of
     * 16 MB. A page not in the cache is read from the file and deserialised again when a query needs
     * it; H2's 16 MB hold a small part of a store of 100 000 todos.
     */
    private static int defaultCacheMegabytes() {
        long heapMegabytes = Runtime.getRuntime().maxMemory() >> 20;
        return (int) Math.max(16, heapMegabytes / 4);
    }

    /**
     * Starts a server that persists under {@code dataDirectory} (H2 MVStore, one file), keeping up to
     * {@code cacheMegabytes} of the file's pages deserialised on the heap.
     */
    public static EmbeddedMongoServer persistent(Path dataDirectory, String host, int port, int cacheMegabytes) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory, e);
        }
        Path storeFile = dataDirectory.resolve(STORE_FILE).toAbsolutePath();
        MongoServer server = new MongoServer(new SessionCapableBackend(new IndexedH2Backend(storeFile.toString(), cacheMegabytes)));
        server.bind(host, port);
        return new EmbeddedMongoServer(server, server.getLocalAddress(), storeFile);
    }

    /** Starts a server that keeps everything in memory, on a free loopback port. */
    public static EmbeddedMongoServer inMemory() {
        MongoServer server = new MongoServer(new SessionCapableBackend(new MemoryBackend()));
        server.bind("127.0.0.1", 0);
        return new EmbeddedMongoServer(server, server.getLocalAddress(), null);
    }

    /** A connection string without a database, e.g. {@code mongodb://127.0.0.1:40123}. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    public int port() {
        return address.getPort();
    }

    /** The file that holds the data, or {@code null} for an in-memory server. */
    public Path storeFile() {
        return storeFile;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
