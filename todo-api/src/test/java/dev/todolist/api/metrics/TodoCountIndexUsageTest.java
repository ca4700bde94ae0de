package dev.todolist.api.metrics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.MongoFixture;
import dev.todolist.testing.RunningApi;
import dev.todolist.todo.TodoIndexes;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On a real MongoDB, the completed-todos gauge is counted from the {@code completed} index
 * ({@code $indexStats} counts its accesses; the plan has no collection scan), so its cost grows
 * with the completed todos' index keys, never with every owner's documents.
 *
 * <p>Needs a real MongoDB ({@code MONGODB_URI} or Testcontainers): mongo-java-server has no query
 * planner, no {@code $indexStats} and no explain, so on the in-process fallback this test is
 * reported as skipped, never passed.
 */
@ApiTest(properties = "todolist.metrics.todos.refresh=1h")
class TodoCountIndexUsageTest {

    @Api
    private static RunningApi api;

    @Test
    void completedCountReadsTheCompletedIndexNotTheCollection() {
        assumeTrue(MongoFixture.isRealMongo(), "needs a real MongoDB (MONGODB_URI or Testcontainers mongo:7): "
                + "the in-process wire server has no query planner");
        TodoCountMetrics metrics = api.context().getBean(TodoCountMetrics.class);
        TodoIndexes indexes = api.context().getBean(TodoIndexes.class);
        MongoClient client = api.context().getBean(MongoClient.class);
        indexes.ensureCreated();
        MongoCollection<Document> todos = client.getDatabase(api.databaseName()).getCollection("todos");
        todos.insertMany(IntStream.range(0, 40)
                .mapToObj(i -> new Document("ownerId", "owner" + (i % 4)).append("completed", i % 5 == 0))
                .toList());
        long before = accesses(todos, TodoIndexes.COMPLETED_INDEX);

        metrics.refresh();

        assertTrue(accesses(todos, TodoIndexes.COMPLETED_INDEX) > before, "the count read the completed index");
        Document plan = client.getDatabase(api.databaseName()).runCommand(new Document("explain",
                new Document("count", "todos").append("query", new Document("completed", true))));
        assertFalse(plan.toJson().contains("COLLSCAN"), "no collection scan: " + plan.toJson());
        assertEquals(8, todos.countDocuments(new Document("completed", true)));
    }

    private static long accesses(MongoCollection<Document> todos, String index) {
        return todos.aggregate(List.of(new Document("$indexStats", new Document())))
                .into(new ArrayList<>()).stream()
                .filter(stats -> index.equals(stats.getString("name")))
                .mapToLong(stats -> ((Number) stats.get("accesses", Document.class).get("ops")).longValue())
                .findFirst().orElse(0L);
    }
}
