package dev.todolist.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A signed-in session, as stored in the {@code sessions} collection. A session token names its
 * session; the token is only honoured while the session exists and has not expired, which is
 * what lets sign-out, a password change and account deletion revoke tokens already handed out.
 * Expiry is checked in code (the embedded wire server has no TTL indexes); expired sessions are
 * removed lazily.
 */
@MappedEntity(Session.COLLECTION)
public record Session(
        @Id @GeneratedValue @Nullable String id,
        String userId,
        Instant createdAt,
        Instant expiresAt) implements Expiring {

    public static final String COLLECTION = "sessions";
}
