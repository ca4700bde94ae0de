package dev.todolist.api.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.security.Principal;

/**
 * After any write to the caller's account or sessions (sign-out, password change, account
 * deletion, token changes), this instance forgets the caller's remembered session checks and verified tokens, so a
 * revocation made here takes effect here at once rather than after the revocation delay. Writes
 * that revoke nothing only cost the caller's next request one session look-up.
 */
@ServerFilter({"/api/v1/sessions/**", "/api/v1/me", "/api/v1/me/**"})
public class AccountChangesForgetSessionChecks {

    private final RecentSessionChecks checks;
    private final RecentTokenVerifications tokens;

    public AccountChangesForgetSessionChecks(RecentSessionChecks checks, RecentTokenVerifications tokens) {
        this.checks = checks;
        this.tokens = tokens;
    }

    @ResponseFilter
    public void forgetCallerAfterWrite(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            request.getUserPrincipal().map(Principal::getName).ifPresent(userId -> {
                checks.forgetUser(userId);
                tokens.forgetUser(userId);
            });
        }
    }
}
