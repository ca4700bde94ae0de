package dev.todolist.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An account, as stored in the {@code users} collection. Its id is the {@code ownerId} of the
 * account's todos.
 *
 * @param email        normalised (see {@link EmailAddresses}); unique
 * @param passwordHash an Argon2id hash in PHC string format (see {@link PasswordHasher}); never logged
 */
@MappedEntity(User.COLLECTION)
public record User(
        @Id @GeneratedValue @Nullable String id,
        String email,
        String passwordHash,
        Instant createdAt,
        Instant passwordChangedAt) {

    public static final String COLLECTION = "users";

    /** Keeps the hash out of logs and exception messages that print the record. */
    @Override
    public String toString() {
        return "User[id=" + id + "]";
    }
}
