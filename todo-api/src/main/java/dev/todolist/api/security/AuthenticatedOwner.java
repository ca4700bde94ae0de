package dev.todolist.api.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;

/** The owner of a request's todos is the authenticated user: each account sees only its own list. */
@Singleton
public class AuthenticatedOwner implements CurrentOwner {

    @Override
    public String ownerId(HttpRequest<?> request) {
        return request.getUserPrincipal(Authentication.class)
                .map(Authentication::getName)
                .orElseThrow(() -> new AuthorizationException(null));
    }
}
