package dev.todolist.todo;

import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.mongodb.repository.MongoQueryExecutor;
import io.micronaut.data.repository.CrudRepository;

/**
 * The {@code todos} collection (sync driver). Callers go through {@link TodoService}, which adds
 * the owner to every filter; the id-only methods of {@link CrudRepository} are used there only
 * for inserts and version-checked updates of a todo already read under its owner.
 */
@MongoRepository
public interface TodoRepository extends CrudRepository<Todo, String>, MongoQueryExecutor<Todo> {
}
