package dev.todolist.account;

import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.mongodb.repository.MongoQueryExecutor;
import io.micronaut.data.repository.CrudRepository;

/** The {@code sessions} collection; the account services add the owning user to every filter. */
@MongoRepository
public interface SessionRepository extends CrudRepository<Session, String>, MongoQueryExecutor<Session> {
}
