package dev.todolist.api.security;

import io.micronaut.http.HttpRequest;

/**
 * THE seam between the HTTP layer and per-owner scoping: whose todos a request reads and writes.
 *
 * <p>Every todo carries an {@code ownerId} and {@link dev.todolist.todo.TodoService} filters every
 * query, count, update, delete and clear by it; the controller asks this bean for the owner of
 * each request. {@link AuthenticatedOwner} answers the authenticated
 * user's id, so another user's todo is as absent as one that never existed.
 */
public interface CurrentOwner {

    /** The owner id of the todos this request may see and change. */
    String ownerId(HttpRequest<?> request);
}
