package dev.todolist.testing;

import dev.todolist.embedded.EmbeddedMongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one MongoDB that every test of the build talks to, chosen once per JVM:
 * <ol>
 *   <li>{@code MONGODB_URI} when set (a real MongoDB the caller provides);</li>
 *   <li>else Testcontainers {@code mongo:7} when a Docker engine answers and has that image;</li>
 *   <li>else the in-process MongoDB-wire server (mongo-java-server, in memory).</li>
 * </ol>
 * It logs which one ran. Tests isolate themselves by database name ({@link #uniqueDatabase}).
 */
public final class MongoFixture {

    public enum Kind { EXTERNAL, TESTCONTAINERS, IN_PROCESS }

    private static final Logger LOG = LoggerFactory.getLogger(MongoFixture.class);
    private static final String MONGO_IMAGE = "mongo:7";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static Kind kind;
    private static String connectionString;

    private MongoFixture() {
    }

    /** A connection string without a database path, e.g. {@code mongodb://127.0.0.1:40123}. */
    public static synchronized String connectionString() {
        if (connectionString == null) {
            start();
        }
        return connectionString;
    }

    public static synchronized Kind kind() {
        connectionString();
        return kind;
    }

    /** True when the database is a real MongoDB (behaviours the wire server lacks can be tested). */
    public static boolean isRealMongo() {
        return kind() != Kind.IN_PROCESS;
    }

    /** A database name no other test of this JVM uses. */
    public static String uniqueDatabase(String prefix) {
        return prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "_" + ProcessHandle.current().pid()
                + "_" + DATABASES.incrementAndGet();
    }

    /** A connection string for {@code database}. */
    public static String uri(String database) {
        return connectionString() + "/" + database;
    }

    private static void start() {
        String external = System.getenv("MONGODB_URI");
        if (external != null && !external.isBlank()) {
            kind = Kind.EXTERNAL;
            connectionString = stripDatabase(external.trim());
            LOG.info("MongoDB fixture: external MongoDB from MONGODB_URI");
            return;
        }
        if (dockerHasMongoImage()) {
            MongoDBContainer container = new MongoDBContainer(DockerImageName.parse(MONGO_IMAGE));
            container.start();
            kind = Kind.TESTCONTAINERS;
            connectionString = stripDatabase(container.getConnectionString());
            LOG.info("MongoDB fixture: Testcontainers {} at {}", MONGO_IMAGE, connectionString);
            return;
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-fixture-shutdown"));
        kind = Kind.IN_PROCESS;
        connectionString = server.connectionString();
        LOG.info("MongoDB fixture: in-process MongoDB-wire server (mongo-java-server) at {}"
                + " - no Docker engine with {} and no MONGODB_URI", connectionString, MONGO_IMAGE);
    }

    private static boolean dockerHasMongoImage() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return false;
            }
            DockerClientFactory.instance().client().inspectImageCmd(MONGO_IMAGE).exec();
            return true;
        } catch (RuntimeException e) {
            LOG.debug("Testcontainers not usable for {}: {}", MONGO_IMAGE, e.toString());
            return false;
        }
    }

    private static String stripDatabase(String uri) {
        int schemeEnd = uri.indexOf("://") + 3;
        int slash = uri.indexOf('/', schemeEnd);
        if (slash < 0) {
            int query = uri.indexOf('?', schemeEnd);
            return query < 0 ? uri : uri.substring(0, query);
        }
        return uri.substring(0, slash);
    }
}
