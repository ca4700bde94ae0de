package dev.todolist.account;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.todolist.persistence.StartupIndexes;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * The indexes of the account collections, created at start-up like the todos' indexes. The unique
 * index on the normalised email is what makes a second sign-up of an address a no-op; the one on
 * the token hash is how a personal access token is found. Sessions and tokens are looked up by
 * user for revocation; sessions have no TTL index: their expiry is checked in code (the wire server
 * has no TTL). Throttled attempts are found by key, newest first, and a TTL index removes them once
 * expired on a real MongoDB (their queries check expiry themselves: {@link AttemptLog}).
 *
 * <p>Sign-up relies on the unique index, so it calls {@link #ensureCreated()} first: a sign-up that
 * arrives before the start-up task has finished creates the indexes itself.
 */
@Singleton
public class AccountIndexes extends StartupIndexes {

    static final Map<String, List<IndexModel>> INDEXES = Map.of(
            User.COLLECTION, List.of(
                    new IndexModel(Indexes.ascending("email"), new IndexOptions().name("email_unique").unique(true))),
            Session.COLLECTION, List.of(
                    new IndexModel(Indexes.ascending("userId", "expiresAt"), new IndexOptions().name("user_expiresAt"))),
            AccessToken.COLLECTION, List.of(
                    new IndexModel(Indexes.ascending("tokenHash"), new IndexOptions().name("tokenHash_unique").unique(true)),
                    new IndexModel(Indexes.ascending("userId", "createdAt"), new IndexOptions().name("user_createdAt"))),
            AttemptLog.COLLECTION, AttemptLog.INDEXES);

    public AccountIndexes(MongoClient client, MongoDatabaseNameProvider databaseNames,
                          @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        super(client, databaseNames, scheduler, User.class, INDEXES);
    }
}
