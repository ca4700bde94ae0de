package dev.todolist.api.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** The bodies the account endpoints answer with. */
final class AccountResponses {

    private AccountResponses() {
    }

    /**
     * The answer to every well-formed sign-up, whether the email was free or taken: the same
     * fields, the same status, so that it tells nothing about registration.
     */
    @Serdeable
    record SignedUp(String email, String next) {
    }

    /**
     * A new session: {@code token} goes in {@code Authorization: Bearer}; browsers get it as the
     * {@code todolist_session} cookie instead and echo {@code csrfToken} on writes.
     */
    @Serdeable
    record SignedIn(String token, String tokenType, Instant expiresAt, String csrfToken) {
    }

    @Serdeable
    record Me(String id, String email, Instant createdAt, Instant passwordChangedAt, String authenticatedWith) {
    }

    /** What a password change ended, so that the owner knows what must sign in again. */
    @Serdeable
    record PasswordChanged(long sessionsEnded, long accessTokensRevoked) {
    }

    /** A personal access token; {@code token} is only present in the answer that created it. */
    @Serdeable
    record AccessTokenView(String id, String name, Instant createdAt, Instant expiresAt, @Nullable String token) {
    }
}
