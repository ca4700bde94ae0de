package dev.todolist.todo;

import dev.todolist.problem.FieldViolation;
import dev.todolist.problem.InvalidFieldsException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TodoServiceTest implements OnItsOwnDatabase {

    @Inject
    TodoService service;

    @Inject
    TodoIndexes indexes;

    private static TodoDraft draft(String title) {
        return new TodoDraft(title, null, null, null, null, null, null);
    }

    private static TodoQuery query(TodoSort sort, boolean descending) {
        return new TodoQuery(null, null, null, null, sort, descending, 1, 100);
    }

    @Test
    void createdTodoIsTrimmedVersionedAndOrderedAfterTheOwnersLast() {
        String owner = "create-owner";
        Todo first = service.create(owner, draft("  walk the dog  "));
        Todo second = service.create(owner, draft("feed the cat"));
        assertEquals("walk the dog", first.title());
        assertNotNull(first.id());
        assertNotNull(first.version());
        assertEquals(first.order() + 1, second.order());
        assertEquals(Priority.NORMAL, first.priority());
        assertEquals(List.of(), first.tags());
    }

    @Test
    void anOwnerNeverSeesOrChangesAnotherOwnersTodos() {
        Todo mine = service.create("alice", draft("alice's"));
        service.create("bob", draft("bob's"));
        assertThrows(TodoNotFoundException.class, () -> service.get("bob", mine.id()));
        assertThrows(TodoNotFoundException.class, () -> service.delete("bob", mine.id(), Precondition.none()));
        assertThrows(TodoNotFoundException.class,
                () -> service.patch("bob", mine.id(), TodoPatch.completing(), Precondition.none()));
        service.clear("bob");
        assertEquals("alice's", service.get("alice", mine.id()).title());
        assertEquals(0, service.list("bob", query(TodoSort.ORDER, false)).total());
    }

    @Test
    void staleVersionIsRejectedAndTheStoredTodoIsUnchanged() {
        Todo todo = service.create("stale", draft("original"));
        Todo changed = service.patch("stale", todo.id(), titled("first writer"), Precondition.oneOf(Set.of(todo.version())));
        TodoPreconditionFailedException failure = assertThrows(TodoPreconditionFailedException.class,
                () -> service.patch("stale", todo.id(), titled("second writer"), Precondition.oneOf(Set.of(todo.version()))));
        assertEquals(changed.currentVersion(), failure.currentVersion());
        assertEquals("first writer", service.get("stale", todo.id()).title());
    }

    @Test
    void completingSetsCompletedAtAndReopeningClearsIt() {
        Todo todo = service.create("complete", draft("finish"));
        Todo done = service.complete("complete", todo.id(), Precondition.none());
        assertTrue(done.completed());
        assertNotNull(done.completedAt());
        Todo reopened = service.patch("complete", todo.id(), new TodoPatch(Patch.absent(), Patch.set(false),
                Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent()), Precondition.none());
        assertNull(reopened.completedAt());
    }

    @Test
    void listFiltersByDueDateTagCompletionAndLiteralTitleSearch() {
        String owner = "filters";
        service.create(owner, new TodoDraft("pay rent (monthly)", null, null, LocalDate.of(2030, 1, 1), null,
                List.of("home"), null));
        service.create(owner, new TodoDraft("pay taxes", true, null, LocalDate.of(2030, 6, 1), null,
                List.of("admin"), null));
        service.create(owner, new TodoDraft("call mum", null, null, null, null, List.of("home"), null));

        assertEquals(List.of("pay rent (monthly)"), titles(owner, new TodoQuery(null, null, null,
                LocalDate.of(2030, 3, 1), TodoSort.ORDER, false, 1, 10)));
        assertEquals(List.of("pay rent (monthly)", "call mum"), titles(owner, new TodoQuery(null, "home", null,
                null, TodoSort.ORDER, false, 1, 10)));
        assertEquals(List.of("pay taxes"), titles(owner, new TodoQuery(true, null, null, null, TodoSort.ORDER,
                false, 1, 10)));
        assertEquals(List.of("pay rent (monthly)"), titles(owner, new TodoQuery(null, null, "RENT (month", null,
                TodoSort.ORDER, false, 1, 10)));
        assertEquals(List.of(), titles(owner, new TodoQuery(null, null, ".*", null, TodoSort.ORDER, false, 1, 10)));
    }

    @Test
    void prioritySortFollowsUrgencyNotTheAlphabet() {
        String owner = "priority";
        for (Priority priority : List.of(Priority.NORMAL, Priority.HIGH, Priority.LOW)) {
            service.create(owner, new TodoDraft(priority.wireName(), null, null, null, priority, null, null));
        }
        assertEquals(List.of("high", "normal", "low"), titles(owner, query(TodoSort.PRIORITY, true)));
    }

    @Test
    void pagesDoNotOverlapAndCountTheWholeQuery() {
        String owner = "pages";
        for (int i = 0; i < 7; i++) {
            service.create(owner, new TodoDraft("todo " + i, null, 1L, null, null, null, null));
        }
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            TodoPage result = service.list(owner, new TodoQuery(null, null, null, null, TodoSort.ORDER, false, page, 3));
            assertEquals(7, result.total());
            assertEquals(3, result.lastPage());
            result.items().forEach(todo -> seen.add(todo.title()));
        }
        assertEquals(7, Set.copyOf(seen).size());
    }

    @Test
    void invalidTodoListsEveryBrokenRule() {
        InvalidFieldsException e = assertThrows(InvalidFieldsException.class, () -> service.create("rules",
                new TodoDraft("   ", null, null, null, null, List.of("ok", " "), "x".repeat(TodoLimits.NOTES_MAX + 1))));
        assertEquals(Set.of("title", "tags[1]", "notes"),
                Set.copyOf(e.violations().stream().map(FieldViolation::field).toList()));
    }

    @Test
    void indexesCoverEverySortAndStartWithTheOwner() throws InterruptedException {
        for (int i = 0; i < 100 && !indexes.created(); i++) {
            Thread.sleep(50);
        }
        List<Document> keys = new ArrayList<>();
        indexes.collection().listIndexes().forEach(index -> keys.add(index.get("key", Document.class)));
        for (TodoSort sort : TodoSort.values()) {
            assertTrue(keys.stream().anyMatch(key -> List.copyOf(key.keySet()).equals(List.of("ownerId", sort.field(), "_id"))),
                    "an index for " + sort + " in " + keys);
        }
    }

    @Test
    void storedDocumentsUseTheDocumentedFieldNames() {
        Todo todo = service.create("fields", new TodoDraft("stored", null, null, LocalDate.of(2031, 2, 3),
                Priority.HIGH, List.of("x"), "n"));
        Document stored = indexes.collection().find(new Document("ownerId", "fields")).first();
        assertNotNull(stored);
        assertEquals(todo.id(), stored.getObjectId("_id").toHexString());
        assertEquals(3, stored.getInteger("priorityRank"));
        assertTrue(stored.containsKey("version"));
        assertTrue(stored.containsKey("dueDate"), stored.toJson());
    }

    private List<String> titles(String owner, TodoQuery query) {
        return service.list(owner, query).items().stream().map(Todo::title).toList();
    }

    private static TodoPatch titled(String title) {
        return new TodoPatch(Patch.set(title), Patch.absent(), Patch.absent(), Patch.absent(), Patch.absent(),
                Patch.absent(), Patch.absent());
    }
}
