package dev.todolist.account;

import org.bson.types.ObjectId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Helpers shared by the account services. */
final class Ids {

    private Ids() {
    }

    /** The stored id, or empty for text that cannot be one (which then matches nothing). */
    static Optional<ObjectId> objectId(String id) {
        return id != null && ObjectId.isValid(id) ? Optional.of(new ObjectId(id)) : Optional.empty();
    }

    /** BSON dates hold milliseconds: truncating keeps what is returned equal to what is stored. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
