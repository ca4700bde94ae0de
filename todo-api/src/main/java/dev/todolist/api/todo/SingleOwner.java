package dev.todolist.api.todo;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/** Every request belongs to one shared owner: the service has no accounts yet. See {@link CurrentOwner}. */
@Singleton
public class SingleOwner implements CurrentOwner {

    /** The owner of every todo created before accounts existed. */
    public static final String OWNER_ID = "default";

    @Override
    public String ownerId(HttpRequest<?> request) {
        return OWNER_ID;
    }
}
