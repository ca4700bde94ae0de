import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.todolist.embedded.EmbeddedMongoServer;
import org.bson.Document;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Helper of measure-kill9.sh (run as a single-file program on the API's -all jar):
 * <ul>
 *   <li>{@code serve DIR PORT}: the embedded default's store (H2 MVStore under DIR), as the API runs it
 *       (its page cache from {@code TODO_DATA_CACHE_MB} as well);</li>
 *   <li>{@code write URI RATE ACKLOG}: inserts numbered todos at up to RATE per second and appends
 *       "number epoch-millis" to ACKLOG after each acknowledged insert;</li>
 *   <li>{@code count URI}: prints how many todos the store holds and the highest number among them.</li>
 * </ul>
 */
public final class EmbeddedKillProbe {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "serve" -> serve(Path.of(args[1]), Integer.parseInt(args[2]));
            case "write" -> write(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "count" -> count(args[1]);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void serve(Path dataDir, int port) throws Exception {
        // The page cache as the API sizes it: TODO_DATA_CACHE_MB when set, else the store's default. Found
        // by reflection, so that the probe still compiles against the jars of an A/B run that predate it.
        String cache = System.getenv("TODO_DATA_CACHE_MB");
        EmbeddedMongoServer server = cache == null || cache.isBlank()
                ? EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", port)
                : (EmbeddedMongoServer) EmbeddedMongoServer.class
                        .getMethod("persistent", Path.class, String.class, int.class, int.class)
                        .invoke(null, dataDir, "127.0.0.1", port, Integer.parseInt(cache.trim()));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("serving " + server.connectionString() + " from " + server.storeFile());
        Thread.currentThread().join();
    }

    private static void write(String uri, int perSecond, Path ackLog) throws IOException {
        long intervalNanos = 1_000_000_000L / perSecond;
        try (MongoClient client = MongoClients.create(uri);
             BufferedWriter acks = Files.newBufferedWriter(ackLog)) {
            MongoCollection<Document> todos = client.getDatabase("todolist").getCollection("todos");
            long next = System.nanoTime();
            for (long seq = 1; ; seq++) {
                try {
                    todos.insertOne(new Document("seq", seq).append("title", "todo " + seq).append("completed", false));
                } catch (RuntimeException e) {
                    System.out.println("writer stopped after " + (seq - 1) + " acknowledged inserts: " + e.getClass().getSimpleName());
                    return;
                }
                acks.write(seq + " " + System.currentTimeMillis() + "\n");
                acks.flush();
                next += intervalNanos;
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        }
    }

    private static void count(String uri) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> todos = client.getDatabase("todolist").getCollection("todos");
            Document last = todos.find().sort(new Document("seq", -1)).limit(1).first();
            System.out.println(todos.countDocuments() + " " + (last == null ? 0 : last.getLong("seq")));
        }
    }
}
