import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Helper of run-benchmark.sh (run as a single-file program on the API's -all jar): fills the store
 * fast for the data-size runs, where creating 100 000 todos through the API would take longer than
 * the benchmark itself.
 *
 * <p>{@code copy URI TEMPLATES COPIES IDS}: TEMPLATES names todos the API created (one id a line);
 * each is copied COPIES times into its owner's list, each copy a todo as the API stores it (the
 * template's document with a new {@code _id}, title and {@code order}), inserted 1 000 at a time.
 * Writes "template-id copy-id" lines to IDS. The store's indexes are the API's own (it created them
 * at start-up), so the copies are indexed as the API's todos are.
 */
public final class BenchTodoLoader {

    private static final int BATCH = 1_000;

    public static void main(String[] args) throws IOException {
        if (args.length != 5 || !args[0].equals("copy")) {
            throw new IllegalArgumentException("usage: copy URI TEMPLATES COPIES IDS");
        }
        String uri = args[1];
        List<String> templates = Files.readAllLines(Path.of(args[2]));
        int copies = Integer.parseInt(args[3]);
        try (MongoClient client = MongoClients.create(uri);
             BufferedWriter ids = Files.newBufferedWriter(Path.of(args[4]))) {
            String database = new com.mongodb.ConnectionString(uri).getDatabase();
            MongoCollection<Document> todos = client.getDatabase(database == null ? "todolist" : database)
                    .getCollection("todos");
            for (String templateId : templates) {
                Document template = todos.find(new Document("_id", new ObjectId(templateId))).first();
                if (template == null) {
                    throw new IllegalStateException("no todo " + templateId + " in " + uri);
                }
                long order = template.get("order", Number.class).longValue();
                List<Document> batch = new ArrayList<>(BATCH);
                for (int i = 1; i <= copies; i++) {
                    ObjectId id = new ObjectId();
                    Document copy = new Document(template);
                    copy.put("_id", id);
                    copy.put("title", "preloaded " + (i + 1));
                    copy.put("order", order + i);
                    batch.add(copy);
                    ids.write(templateId + " " + id.toHexString() + "\n");
                    if (batch.size() == BATCH || i == copies) {
                        todos.insertMany(batch);
                        batch.clear();
                    }
                }
            }
        }
    }
}
