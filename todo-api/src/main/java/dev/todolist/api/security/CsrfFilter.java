package dev.todolist.api.security;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * CSRF protection for browsers: a write (POST, PUT, PATCH, DELETE) authenticated by the session
 * cookie must carry the session's CSRF token in {@value #HEADER}. Another site can make a browser
 * send the cookie (SameSite=Lax already stops that for cross-site writes in current browsers; this
 * is the defence for the rest) but cannot read the token, which is in the signed session token and
 * in a cookie only this origin's pages can read. Requests with an {@code Authorization} header
 * need no token: no browser attaches one to a cross-site request on its own.
 */
@ServerFilter("/api/**")
public class CsrfFilter implements Ordered {

    public static final String HEADER = "X-CSRF-Token";

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    /** Sign-up and sign-in act for nobody yet: a stale cookie on them must not get in the way. */
    private static final Set<String> ANONYMOUS_WRITES = Set.of("/api/v1/users", "/api/v1/sessions");

    @RequestFilter
    public void requireTokenOnCookieWrites(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod()) || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getCookies().findCookie(SessionTokens.COOKIE).isEmpty()
                || ANONYMOUS_WRITES.contains(request.getPath())) {
            return;
        }
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            return;
        }
        String expected = Caller.of(authentication.get()).csrfToken();
        String given = request.getHeaders().get(HEADER);
        if (expected == null || given == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.strip().getBytes(StandardCharsets.UTF_8))) {
            throw new CsrfTokenMismatchException();
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
