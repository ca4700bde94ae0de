package dev.todolist.api.security;

import dev.todolist.account.Session;
import dev.todolist.account.SessionService;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * Issues session tokens: a JWT (HS256, see {@link SessionSignature}) whose subject is the user,
 * with the session id ({@code sid}) that {@link ActiveSessionValidator} checks on every request,
 * and a random CSRF token ({@code csrf}) that cookie-authenticated writes must echo.
 */
@Singleton
public class SessionTokens {

    /**
     * The name of the bearer security scheme in the OpenAPI document (declared on the sign-in
     * controller): session tokens and personal access tokens alike.
     */
    public static final String BEARER = "bearer";
    /** The cookie browsers carry the session token in. */
    public static final String COOKIE = "todolist_session";
    /** A readable cookie holding the CSRF token, for browser code that sends it back as {@value CsrfFilter#HEADER}. */
    public static final String CSRF_COOKIE = "todolist_csrf";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionService sessions;
    private final JwtTokenGenerator generator;

    public SessionTokens(SessionService sessions, JwtTokenGenerator generator) {
        this.sessions = sessions;
        this.generator = generator;
    }

    /** A token for the session just opened, expiring with it (as do its cookies). */
    public IssuedSession issue(String userId) {
        Session session = sessions.open(userId);
        Duration lifetime = Duration.between(session.createdAt(), session.expiresAt());
        String csrfToken = random();
        Authentication authentication = Authentication.build(userId,
                Map.of(Caller.SESSION_ID, session.id(), Caller.CSRF_TOKEN, csrfToken));
        String token = generator.generateToken(authentication, (int) lifetime.toSeconds())
                .orElseThrow(() -> new IllegalStateException("the session token could not be signed"));
        return new IssuedSession(token, csrfToken, session.expiresAt(), lifetime);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A signed session token with its CSRF token; {@code maxAge} is the cookies' lifetime. */
    public record IssuedSession(String token, String csrfToken, Instant expiresAt, Duration maxAge) {

        @Override
        public String toString() {
            return "IssuedSession[expiresAt=" + expiresAt + "]";
        }
    }
}
