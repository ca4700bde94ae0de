package dev.todolist.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A personal access token for scripts, as stored in the {@code access_tokens} collection: only
 * the SHA-256 of the token is kept, so the token itself exists only in the one answer that
 * created it.
 */
@MappedEntity(AccessToken.COLLECTION)
public record AccessToken(
        @Id @GeneratedValue @Nullable String id,
        String userId,
        String name,
        String tokenHash,
        Instant createdAt,
        Instant expiresAt) implements Expiring {

    public static final String COLLECTION = "access_tokens";

    @Override
    public String toString() {
        return "AccessToken[id=" + id + ", name=" + name + "]";
    }
}
