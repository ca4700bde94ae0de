package dev.todolist.account;

import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.mongodb.repository.MongoQueryExecutor;
import io.micronaut.data.repository.CrudRepository;

/** The {@code users} collection, read and written through {@link AccountService}. */
@MongoRepository
public interface UserRepository extends CrudRepository<User, String>, MongoQueryExecutor<User> {
}
