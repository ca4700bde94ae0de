package dev.todolist.embedded;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counts themselves; {@code IndexedH2BackendTest} proves that the counts the server answers from
 * them equal the stock backend's.
 */
class ValueCountIndexTest {

    @Test
    void onlyOnePlainTopLevelFieldGetsCounts() {
        assertNotNull(ValueCountIndex.forKeys("completed", List.of(new IndexKey("completed", true))));
        assertNotNull(ValueCountIndex.forKeys("completed", List.of(new IndexKey("completed", false))));
        assertNull(ValueCountIndex.forKeys("id", List.of(new IndexKey("_id", true))));
        assertNull(ValueCountIndex.forKeys("nested", List.of(new IndexKey("a.b", true))));
        assertNull(ValueCountIndex.forKeys("pair", List.of(new IndexKey("ownerId", true), new IndexKey("completed", true))));
    }

    @Test
    void countsFollowInsertsUpdatesAndDeletes() {
        ValueCountIndex index = ValueCountIndex.forKeys("completed", List.of(new IndexKey("completed", true)));
        Document open = todo(false);
        Document done = todo(true);
        Document other = todo(true);
        Document unset = new Document("_id", new ObjectId());
        for (Document todo : List.of(open, done, other, unset)) {
            index.add(todo, todo.get("_id"), null);
        }
        assertEquals(2, index.count(true));
        assertEquals(1, index.count(false));
        assertEquals(4, index.getCount());

        Document reopened = todo(false);
        reopened.put("_id", done.get("_id"));
        index.updateInPlace(done, reopened, done.get("_id"), null);
        assertEquals(1, index.count(true));
        assertEquals(2, index.count(false));

        assertEquals(other.get("_id"), index.remove(other));
        assertEquals(0, index.count(true));
        assertEquals(3, index.getCount());
    }

    @Test
    void anArrayValueStopsTheCountsUntilItIsGone() {
        ValueCountIndex index = ValueCountIndex.forKeys("completed", List.of(new IndexKey("completed", true)));
        Document listed = new Document("_id", new ObjectId()).append("completed", List.of(true));
        index.add(listed, listed.get("_id"), null);
        assertFalse(index.servesCounts());
        index.remove(listed);
        assertTrue(index.servesCounts());
    }

    private static Document todo(boolean completed) {
        return new Document("_id", new ObjectId()).append("completed", completed);
    }
}
