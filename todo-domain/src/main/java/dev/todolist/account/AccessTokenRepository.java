package dev.todolist.account;

import io.micronaut.data.mongodb.annotation.MongoRepository;
import io.micronaut.data.mongodb.repository.MongoQueryExecutor;
import io.micronaut.data.repository.CrudRepository;

/** The {@code access_tokens} collection; the account services add the owning user to every filter. */
@MongoRepository
public interface AccessTokenRepository extends CrudRepository<AccessToken, String>, MongoQueryExecutor<AccessToken> {
}
