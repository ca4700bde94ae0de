package dev.todolist.todo;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One todo of one owner, as stored in the {@code todos} collection.
 *
 * <p>{@code ownerId} scopes every read and write (see {@link TodoService}); {@code version} is the
 * optimistic lock that turns concurrent writers into a conflict instead of a lost update, and is
 * what the HTTP layer exposes as the ETag. {@code priorityRank} mirrors {@code priority} as a
 * number so that an index can serve "sort by priority".
 */
@MappedEntity(Todo.COLLECTION)
public record Todo(
        @Id @GeneratedValue @Nullable String id,
        String ownerId,
        String title,
        boolean completed,
        long order,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant completedAt,
        @Nullable LocalDate dueDate,
        Priority priority,
        int priorityRank,
        List<String> tags,
        @Nullable String notes,
        @Version @Nullable Long version) {

    public static final String COLLECTION = "todos";

    public Todo {
        tags = tags == null ? List.of() : List.copyOf(tags);
        priority = priority == null ? Priority.NORMAL : priority;
        priorityRank = priority.rank();
    }

    /** The ETag-able version; a todo that was read back from the database always has one. */
    public long currentVersion() {
        return version == null ? 0L : version;
    }
}
