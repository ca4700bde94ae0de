package dev.todolist.todo;

import dev.todolist.testing.Needs;
import dev.todolist.testing.Prerequisite;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a real MongoDB, each sort of a list is served by its own index ({@code $indexStats} counts
 * the accesses), so a page is read in index order instead of sorting the owner's whole collection.
 *
 * <p>Needs a real MongoDB ({@code MONGODB_URI} or Testcontainers): mongo-java-server has no query
 * planner and no {@code $indexStats}, so on the in-process fallback this test is reported as
 * skipped, never passed.
 */
@Needs(Prerequisite.REAL_MONGODB)
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TodoListIndexUsageTest implements OnItsOwnDatabase {

    private static final String OWNER = "index-usage";

    @Inject
    TodoService service;

    @Inject
    TodoIndexes indexes;

    private boolean seeded;

    @BeforeEach
    void awaitTheIndexesAndSeed() throws InterruptedException {
        for (int i = 0; i < 200 && !indexes.created(); i++) {
            Thread.sleep(50);
        }
        assertTrue(indexes.created(), "indexes in place");
        if (seeded) {
            return;
        }
        seeded = true;
        for (int i = 0; i < 50; i++) {
            service.create(OWNER, new TodoDraft("todo " + i, i % 3 == 0, null, null, null, List.of("t" + (i % 5)), null));
        }
    }

    private Map<String, Long> accessesByIndex() {
        Map<String, Long> accesses = new HashMap<>();
        indexes.collection().aggregate(List.of(new Document("$indexStats", new Document())))
                .forEach(stats -> accesses.put(stats.getString("name"),
                        ((Number) stats.get("accesses", Document.class).get("ops")).longValue()));
        return accesses;
    }

    private void assertListUses(String index, TodoQuery query) {
        long before = accessesByIndex().getOrDefault(index, 0L);
        service.list(OWNER, query);
        long after = accessesByIndex().getOrDefault(index, 0L);
        assertTrue(after > before, "a list " + query + " reads index " + index + ": " + accessesByIndex());
    }

    @Test
    void eachSortIsServedByItsIndex() {
        assertListUses("owner_order", new TodoQuery(null, null, null, null, TodoSort.ORDER, false, 2, 10));
        assertListUses("owner_createdAt", new TodoQuery(null, null, null, null, TodoSort.CREATED_AT, true, 1, 10));
        assertListUses("owner_dueDate", new TodoQuery(null, null, null, null, TodoSort.DUE_DATE, false, 1, 10));
        assertListUses("owner_priority", new TodoQuery(null, null, null, null, TodoSort.PRIORITY, true, 1, 10));
    }

    @Test
    void completionFilterIsServedByTheOwnerCompletedOrderIndex() {
        assertListUses("owner_completed_order", new TodoQuery(true, null, null, null, TodoSort.ORDER, false, 1, 10));
    }
}
