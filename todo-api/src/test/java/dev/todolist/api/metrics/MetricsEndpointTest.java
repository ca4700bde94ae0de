package dev.todolist.api.metrics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.Http;
import dev.todolist.testing.RunningApi;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ApiTest(properties = "todolist.metrics.todos.refresh=200ms")
class MetricsEndpointTest {

    @Api
    private static RunningApi api;

    @Test
    void metricsAreInPrometheusTextFormat() {
        HttpResponse<String> response = Http.get(Http.management(api.context()), "/metrics");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
        assertTrue(response.body().contains("# TYPE jvm_memory_used_bytes gauge"), "JVM metrics");
    }

    @Test
    void requestLatencyHistogramsArePerRouteAndStatus() {
        api.get("/health");
        api.get("/no-such-route");

        String metrics = Http.get(Http.management(api.context()), "/metrics").body();

        assertTrue(Pattern.compile("http_server_requests_seconds_bucket\\{[^}]*method=\"GET\"[^}]*status=\"200\""
                + "[^}]*uri=\"/health\"[^}]*le=\"[0-9.]+\"}").matcher(metrics).find(), "histogram buckets for /health");
        assertTrue(Pattern.compile("http_server_requests_seconds_count\\{[^}]*status=\"404\"").matcher(metrics).find(),
                "404s counted");
    }

    @Test
    void mongoDriverPoolShowsConnectionsInUse() {
        api.get("/health");

        String metrics = Http.get(Http.management(api.context()), "/metrics").body();

        assertTrue(metrics.contains("mongodb_driver_pool_checkedout{"), "connections in use");
        assertTrue(metrics.contains("mongodb_driver_pool_size{"), "pool size");
        assertTrue(metrics.contains("mongodb_driver_commands_seconds_count{"), "command timings");
    }

    @Test
    void todoGaugesCountTheStoredTodos() throws InterruptedException {
        List<Document> todos = IntStream.range(0, 7)
                .mapToObj(i -> new Document("title", "todo " + i).append("completed", i < 3))
                .toList();
        storedTodos().insertMany(todos);

        String metrics = awaitMetric("todolist_todos", 7.0);

        assertEquals(7.0, gauge(metrics, "todolist_todos"));
        assertEquals(3.0, gauge(awaitMetric("todolist_todos_completed", 3.0), "todolist_todos_completed"));

        var collection = storedTodos();
        collection.updateMany(Filters.in("title", "todo 5", "todo 6"), Updates.set("completed", true));
        collection.updateOne(Filters.eq("title", "todo 0"), Updates.set("completed", false));
        collection.deleteOne(Filters.eq("title", "todo 3"));

        assertEquals(4.0, gauge(awaitMetric("todolist_todos_completed", 4.0), "todolist_todos_completed"),
                "completed 5 and 6, reopened 0, deleted 3 (open): 1, 2, 5 and 6 are completed");
        assertEquals(6.0, gauge(awaitMetric("todolist_todos", 6.0), "todolist_todos"));
    }

    /** The todos collection of the API's own database, written here behind the API's back. */
    private static MongoCollection<Document> storedTodos() {
        return api.context().getBean(MongoClient.class).getDatabase(api.databaseName()).getCollection("todos");
    }

    /** The gauges refresh on a schedule, so the figure is polled for rather than expected at once. */
    private String awaitMetric(String name, double expected) throws InterruptedException {
        String metrics = "";
        for (int attempt = 0; attempt < 100; attempt++) {
            metrics = Http.get(Http.management(api.context()), "/metrics").body();
            if (gauge(metrics, name) == expected) {
                return metrics;
            }
            Thread.sleep(100);
        }
        return metrics;
    }

    private static double gauge(String metrics, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
