package dev.todolist.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;

import java.security.Principal;
import java.util.Map;

/**
 * Who an authenticated request comes from, as the token it carried says: the principal a route
 * takes as a parameter ({@link CallerBinder}).
 *
 * @param userId        the account (the {@code ownerId} of its todos)
 * @param sessionId     the session, when the token was a session token (bearer or cookie)
 * @param accessTokenId the personal access token, when it was one
 * @param csrfToken     the value a cookie-authenticated write must echo in {@value CsrfFilter#HEADER}
 */
public record Caller(String userId, @Nullable String sessionId, @Nullable String accessTokenId,
                     @Nullable String csrfToken) implements Principal {

    static final String SESSION_ID = "sid";
    static final String CSRF_TOKEN = "csrf";
    static final String ACCESS_TOKEN_ID = "pat";

    public static Caller of(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        return new Caller(authentication.getName(), text(attributes.get(SESSION_ID)),
                text(attributes.get(ACCESS_TOKEN_ID)), text(attributes.get(CSRF_TOKEN)));
    }

    /**
     * Refuses this caller unless it signed in with a password. Personal access tokens are for
     * scripts that work on todos: they may not change the password, delete the account, sign out a
     * session or mint more tokens, so that a leaked script token cannot take the account over.
     */
    public void requireSession() {
        if (sessionId == null) {
            throw new SessionRequiredException();
        }
    }

    /** The account, as {@link Principal} names it. */
    @Override
    public String getName() {
        return userId;
    }

    private static String text(Object value) {
        return value instanceof String string ? string : null;
    }
}
