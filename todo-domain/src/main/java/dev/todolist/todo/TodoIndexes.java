package dev.todolist.todo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.todolist.persistence.StartupIndexes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.List;
import java.util.Map;

/**
 * The indexes of the {@code todos} collection, created at start-up.
 *
 * <p>Every list, count and lookup filters on {@code ownerId} first, so those indexes start with it;
 * each sort of {@link TodoSort} has its own index ending in {@code _id}, the tie-breaker, so a
 * page is read from the index in order instead of sorting the owner's whole collection. The one
 * query across owners, the count of completed todos behind the {@code todolist_todos_completed}
 * gauge, has {@code completed} to itself: it is answered from that index alone (a count scan of
 * the completed todos' keys) instead of a collection scan on every refresh.
 */
@Singleton
@Requires(property = "todolist.mongodb.create-indexes", notEquals = "false")
public class TodoIndexes extends StartupIndexes {

    /** The index that counts completed todos across owners. */
    public static final String COMPLETED_INDEX = "completed";

    static final List<IndexModel> INDEXES = List.of(
            index("owner_order", Indexes.ascending("ownerId", "order", "_id")),
            index("owner_createdAt", Indexes.ascending("ownerId", "createdAt", "_id")),
            index("owner_dueDate", Indexes.ascending("ownerId", "dueDate", "_id")),
            index("owner_priority", Indexes.ascending("ownerId", "priorityRank", "_id")),
            index("owner_completed_order", Indexes.ascending("ownerId", "completed", "order", "_id")),
            index("owner_tags", Indexes.ascending("ownerId", "tags")),
            index(COMPLETED_INDEX, Indexes.ascending("completed")));


    public TodoIndexes(MongoClient client, MongoDatabaseNameProvider databaseNames,
                       @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        super(client, databaseNames, scheduler, Todo.class, Map.of(Todo.COLLECTION, INDEXES));
    }

    MongoCollection<Document> collection() {
        return database().getCollection(Todo.COLLECTION);
    }

    private static IndexModel index(String name, Bson keys) {
        return new IndexModel(keys, new IndexOptions().name(name));
    }
}
