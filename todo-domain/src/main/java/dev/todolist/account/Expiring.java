package dev.todolist.account;

import java.time.Instant;

/** A credential that stops working at its expiry: one rule for sessions and access tokens alike. */
public interface Expiring {

    Instant expiresAt();

    /** Active strictly before {@link #expiresAt()}: at that instant it is already expired. */
    default boolean isActiveAt(Instant now) {
        return now.isBefore(expiresAt());
    }
}
