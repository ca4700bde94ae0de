package dev.todolist.api.account;

import dev.todolist.account.SessionService;
import dev.todolist.account.User;
import dev.todolist.api.security.Caller;
import dev.todolist.api.security.SessionTokens;
import dev.todolist.api.security.SignedIn;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;

/**
 * Sign-in and sign-out at {@value #PATH}. The tokens it issues are the OpenAPI document's
 * {@value SessionTokens#BEARER} scheme (personal access tokens go the same way).
 */
@Controller(SessionController.PATH)
@SecurityScheme(name = SessionTokens.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A session token from POST /api/v1/sessions, or a personal access token (tdl_...)")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "accounts")
public class SessionController {

    static final String PATH = "/api/v1/sessions";

    private final PasswordChecks passwords;
    private final SessionService sessions;
    private final SessionTokens tokens;

    public SessionController(PasswordChecks passwords, SessionService sessions, SessionTokens tokens) {
        this.passwords = passwords;
        this.sessions = sessions;
        this.tokens = tokens;
    }

    @Operation(summary = "Sign in",
            description = "Body {\"email\",\"password\"}. 201 with a bearer token, also set as an HttpOnly cookie for "
                    + "browsers (whose writes must then send X-CSRF-Token: csrfToken). 401 for a wrong email or "
                    + "password alike; 429 with Retry-After after too many failures for the email or from the client.")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public HttpResponse<AccountResponses.SignedIn> signIn(HttpRequest<?> request, @Body JsonNode body) {
        User user = passwords.signIn(request, AccountBodies.credentials(body));
        SessionTokens.IssuedSession session = tokens.issue(user.id());
        MutableHttpResponse<AccountResponses.SignedIn> response = HttpResponse.created(
                new AccountResponses.SignedIn(session.token(), "Bearer", session.expiresAt(), session.csrfToken()));
        return response
                .header(HttpHeaders.LOCATION, PATH + "/current")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .cookie(sessionCookie(session.token(), session.maxAge()))
                .cookie(csrfCookie(session.csrfToken(), session.maxAge()));
    }

    @Operation(summary = "Sign out", description = "Ends the session the request's token belongs to; that token stops working at once.")
    @Delete("/current")
    @SignedIn
    public HttpResponse<Void> signOut(Caller caller) {
        caller.requireSession();
        sessions.close(caller.sessionId(), caller.userId());
        return withCookiesCleared(HttpResponse.noContent());
    }

    /** Expires both cookies in the browser (after sign-out or account deletion). */
    static <T> MutableHttpResponse<T> withCookiesCleared(MutableHttpResponse<T> response) {
        return response.cookie(sessionCookie("", Duration.ZERO)).cookie(csrfCookie("", Duration.ZERO));
    }

    private static Cookie sessionCookie(String value, Duration maxAge) {
        return Cookie.of(SessionTokens.COOKIE, value).httpOnly(true).secure(true).sameSite(SameSite.Lax)
                .path("/api").maxAge(maxAge);
    }

    /** Readable by the origin's scripts (not HttpOnly): they send it back as X-CSRF-Token. */
    private static Cookie csrfCookie(String value, Duration maxAge) {
        return Cookie.of(SessionTokens.CSRF_COOKIE, value).httpOnly(false).secure(true).sameSite(SameSite.Lax)
                .path("/").maxAge(maxAge);
    }
}
