package dev.todolist.todo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.micronaut.data.exceptions.OptimisticLockException;
import io.micronaut.data.mongodb.operations.options.MongoFindOptions;
import jakarta.inject.Singleton;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of todos: every operation is scoped to one owner, and every write is checked against
 * the stored version so that concurrent writers never silently overwrite each other.
 *
 * <p>An owner never sees, counts, changes or deletes another owner's todos: each filter built
 * here starts with {@code ownerId}. Updates go through {@link TodoRepository#update}, whose
 * filter is {@code _id} + {@code version}; they only ever run on a todo just read under its owner,
 * and {@code ownerId} never changes, so the owner scope holds for them too.
 */
@Singleton
public class TodoService {

    /** Unconditional merge patches re-read and re-apply this often before reporting a conflict. */
    private static final int UNCONDITIONAL_ATTEMPTS = 5;

    private final TodoRepository repository;
    private final TodoListSettings settings;

    public TodoService(TodoRepository repository, TodoListSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    public TodoPage list(String ownerId, TodoQuery query) {
        Bson filter = listFilter(ownerId, query);
        Bson sort = query.descending()
                ? Sorts.descending(query.sort().field(), "_id")
                : Sorts.ascending(query.sort().field(), "_id");
        long skip = (long) (query.page() - 1) * query.size();
        List<Todo> items = skip > Integer.MAX_VALUE ? List.of() : repository.findAll(new MongoFindOptions()
                .filter(filter)
                .sort(sort)
                .skip((int) skip)
                .limit(query.size()));
        return new TodoPage(items, repository.count(filter), query.page(), query.size());
    }

    public Todo get(String ownerId, String id) {
        return find(ownerId, id).orElseThrow(() -> new TodoNotFoundException(id));
    }

    /** @throws TodoLimitReachedException when the owner already holds {@link TodoListSettings#maxPerAccount()} todos */
    public Todo create(String ownerId, TodoDraft draft) {
        if (repository.count(Filters.eq("ownerId", ownerId)) >= settings.maxPerAccount()) {
            throw new TodoLimitReachedException(settings.maxPerAccount());
        }
        Instant now = now();
        boolean completed = Boolean.TRUE.equals(draft.completed());
        long order = draft.order() != null ? draft.order() : nextOrder(ownerId);
        Todo todo = new Todo(null, ownerId, draft.title(), completed, order, now, now,
                completed ? now : null, draft.dueDate(), draft.priority(), 0, draft.tags(), draft.notes(), null);
        return repository.save(todo);
    }

    /** PUT: every field from the draft, defaults for what it leaves out; id, owner and creation time stay. */
    public Todo replace(String ownerId, String id, TodoDraft draft, Precondition precondition) {
        Todo current = current(ownerId, id, precondition);
        Instant now = now();
        boolean completed = Boolean.TRUE.equals(draft.completed());
        Todo replaced = new Todo(id, ownerId, draft.title(), completed,
                draft.order() != null ? draft.order() : current.order(), current.createdAt(), now,
                completedAt(current, completed, now), draft.dueDate(), draft.priority(), 0, draft.tags(),
                draft.notes(), current.version());
        return update(id, replaced, precondition);
    }

    /**
     * PATCH (JSON merge patch). Without a precondition the patch is re-applied to the newest
     * version when another writer got there first, so both writers' changes survive.
     */
    public Todo patch(String ownerId, String id, TodoPatch patch, Precondition precondition) {
        for (int attempt = 1; ; attempt++) {
            Todo current = current(ownerId, id, precondition);
            try {
                return update(id, patched(current, patch), precondition);
            } catch (TodoPreconditionFailedException e) {
                if (precondition.pinsAVersion() || attempt >= UNCONDITIONAL_ATTEMPTS) {
                    throw precondition.pinsAVersion() ? e : new TodoConflictException(id);
                }
            }
        }
    }

    public Todo complete(String ownerId, String id, Precondition precondition) {
        return patch(ownerId, id, TodoPatch.completing(), precondition);
    }

    public void delete(String ownerId, String id, Precondition precondition) {
        Optional<ObjectId> objectId = objectId(id);
        if (objectId.isEmpty()) {
            throw new TodoNotFoundException(id);
        }
        Bson filter = Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("_id", objectId.get()));
        if (precondition.pinsAVersion()) {
            filter = Filters.and(filter, Filters.in("version", precondition.versions()));
        }
        if (repository.deleteAll(filter) == 0) {
            Todo current = get(ownerId, id);
            throw new TodoPreconditionFailedException(id, current.currentVersion());
        }
    }

    /** Deletes all of the owner's todos; returns how many there were. */
    public long clear(String ownerId) {
        return repository.deleteAll(Filters.eq("ownerId", ownerId));
    }

    private Todo current(String ownerId, String id, Precondition precondition) {
        Todo current = get(ownerId, id);
        if (!precondition.allows(current.currentVersion())) {
            throw new TodoPreconditionFailedException(id, current.currentVersion());
        }
        return current;
    }

    private Todo update(String id, Todo changed, Precondition precondition) {
        try {
            return repository.update(changed);
        } catch (OptimisticLockException e) {
            Todo now = get(changed.ownerId(), id);
            throw new TodoPreconditionFailedException(id, now.currentVersion());
        }
    }

    private static Todo patched(Todo current, TodoPatch patch) {
        Instant now = now();
        // TodoPatch refuses to remove completed, order or title, so none of them can become null here.
        boolean completed = patch.completed().applyTo(current.completed(), null);
        long order = patch.order().applyTo(current.order(), null);
        return new Todo(current.id(), current.ownerId(), patch.title().applyTo(current.title(), null), completed,
                order, current.createdAt(), now, completedAt(current, completed, now),
                patch.dueDate().applyTo(current.dueDate(), null),
                patch.priority().applyTo(current.priority(), Priority.NORMAL), 0,
                patch.tags().applyTo(current.tags(), List.of()), patch.notes().applyTo(current.notes(), null),
                current.version());
    }

    private static Instant completedAt(Todo current, boolean completed, Instant now) {
        if (!completed) {
            return null;
        }
        return current.completed() && current.completedAt() != null ? current.completedAt() : now;
    }

    private long nextOrder(String ownerId) {
        return repository.findOne(new MongoFindOptions()
                        .filter(Filters.eq("ownerId", ownerId))
                        // _id as in the list sort: the index owner_order serves it on any store, the embedded one included.
                        .sort(Sorts.descending("order", "_id"))
                        .limit(1))
                .map(last -> last.order() + 1)
                .orElse(1L);
    }

    private Optional<Todo> find(String ownerId, String id) {
        return objectId(id).flatMap(objectId ->
                repository.findOne(Filters.and(Filters.eq("ownerId", ownerId), Filters.eq("_id", objectId))));
    }

    private static Bson listFilter(String ownerId, TodoQuery query) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("ownerId", ownerId));
        if (query.completed() != null) {
            filters.add(Filters.eq("completed", query.completed()));
        }
        if (query.tag() != null) {
            filters.add(Filters.eq("tags", query.tag()));
        }
        if (query.search() != null && !query.search().isEmpty()) {
            filters.add(Filters.regex("title", literalPattern(query.search()), "i"));
        }
        if (query.dueBefore() != null) {
            filters.add(Filters.lt("dueDate", query.dueBefore()));
        }
        return Filters.and(filters);
    }

    /** The search text as a regular expression that matches it literally (no operator, no ReDoS). */
    static String literalPattern(String text) {
        StringBuilder pattern = new StringBuilder(text.length() * 2);
        for (char c : text.toCharArray()) {
            if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.toString();
    }

    private static Optional<ObjectId> objectId(String id) {
        return id != null && ObjectId.isValid(id) ? Optional.of(new ObjectId(id)) : Optional.empty();
    }

    /** BSON dates hold milliseconds: truncating keeps what is returned equal to what is stored. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
