package dev.todolist.api.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

/**
 * A session token is only honoured while its session exists: sign-out, a password change and
 * account deletion delete sessions, and with them every token naming them. A correctly signed,
 * unexpired token without a session id is refused too.
 *
 * <p>It looks the session up in MongoDB (or trusts a look-up at most the revocation delay old,
 * {@link RecentSessionChecks}), so token validation runs on the blocking executor
 * ({@code micronaut.security.token.jwt.nimbus.reactive-validator-execute-on-blocking}).
 */
@Singleton
public class ActiveSessionValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private final RecentSessionChecks sessions;

    public ActiveSessionValidator(RecentSessionChecks sessions) {
        this.sessions = sessions;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        return claims.get(Caller.SESSION_ID) instanceof String sessionId
                && claims.get(Claims.SUBJECT) instanceof String userId
                && sessions.isActive(sessionId, userId);
    }
}
