import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.todolist.account.AttemptLog;
import dev.todolist.embedded.EmbeddedMongoServer;
import org.bson.Document;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * What the shared throttle adds to one sign-in attempt: the MongoDB round trips of SignInThrottle,
 * through the same AttemptLog, indexes and default limits (5 per account, 20 per address, 15 min).
 * A failed attempt costs two look-ups and two inserts; a successful one three look-ups, and a delete
 * when its account had failures.
 *
 * <p>Usage: {@code java -cp API_JAR:CLASSES ThrottleCostProbe [MONGODB_URI] [ATTEMPTS]}; without a
 * URI it uses the embedded store (H2 file in a temporary directory) in this process, as the API's
 * default does. Prints one Markdown table row per kind of attempt.
 */
public final class ThrottleCostProbe {

    public static void main(String[] args) throws Exception {
        String uri = args.length > 0 && !args[0].isBlank() ? args[0] : null;
        int attempts = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path data = Files.createTempDirectory("throttle-probe");
        EmbeddedMongoServer store = uri == null ? EmbeddedMongoServer.persistent(data, "127.0.0.1", 0) : null;
        try (MongoClient client = MongoClients.create(uri == null ? store.connectionString() : uri)) {
            MongoCollection<Document> collection = client.getDatabase("throttleprobe_" + ProcessHandle.current().pid())
                    .getCollection(AttemptLog.COLLECTION);
            collection.createIndexes(AttemptLog.INDEXES);
            AttemptLog log = new AttemptLog(collection, Clock.systemUTC());
            AttemptLog.Counter account = log.counter("sign-in-account", 5, Duration.ofMinutes(15));
            AttemptLog.Counter address = log.counter("sign-in-address", 20, Duration.ofMinutes(15));
            System.out.println("| store | attempt | attempts | mean per attempt (µs) | attempts stored |");
            System.out.println("|---|---|---|---|---|");
            String storeName = uri == null ? "embedded (in process)" : "MONGODB_URI";
            for (boolean measured : new boolean[] {false, true}) {
                int n = measured ? attempts : attempts / 2;
                String round = measured ? "m" : "w";
                long failed = time(n, i -> {
                    String email = round + "user" + (i % 1000) + "@example.org";
                    String ip = "198.51." + (i % 250) + ".7";
                    account.waitTime(email);
                    address.waitTime(ip);
                    account.record(email);
                    address.record(ip);
                });
                long clean = time(n, i -> succeed(account, address, round + "fresh" + i + "@example.org", i));
                // The first 1000 find their account's failures (recorded above) and delete them.
                int afterFailures = Math.min(n, 1000);
                long cleared = time(afterFailures, i -> succeed(account, address, round + "user" + i + "@example.org", i));
                if (measured) {
                    long stored = collection.countDocuments();
                    row(storeName, "failed", n, failed, stored);
                    row(storeName, "successful, no earlier failure", n, clean, stored);
                    row(storeName, "successful after failures (deletes them)", afterFailures, cleared, stored);
                }
            }
            collection.drop();
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    private static void succeed(AttemptLog.Counter account, AttemptLog.Counter address, String email, int i) {
        account.waitTime(email);
        address.waitTime("203.0.113." + (i % 250));
        account.forget(email);
    }

    private static void row(String store, String kind, int n, long nanos, long stored) {
        System.out.printf("| %s | %s | %d | %.0f | %d |%n", store, kind, n, nanos / 1000.0 / n, stored);
    }

    private interface Attempt {
        void run(int i);
    }

    private static long time(int n, Attempt attempt) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            attempt.run(i);
        }
        return System.nanoTime() - start;
    }
}
