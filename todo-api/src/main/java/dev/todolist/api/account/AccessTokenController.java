package dev.todolist.api.account;

import dev.todolist.account.AccessToken;
import dev.todolist.account.AccessTokenService;
import dev.todolist.account.AccountSettings;
import dev.todolist.account.IssuedAccessToken;
import dev.todolist.api.security.Caller;
import dev.todolist.api.security.SignedIn;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Personal access tokens at {@value #PATH}, for scripts: {@code Authorization: Bearer tdl_...}
 * works on {@code /api/v1/todos} and {@code GET /api/v1/me}. Managing them needs a session.
 */
@Controller(AccessTokenController.PATH)
@SignedIn
@Tag(name = "accounts")
public class AccessTokenController {

    static final String PATH = "/api/v1/me/tokens";

    private final AccessTokenService accessTokens;
    /** The longest expiry, in days: the domain's own limit, so that the body is checked against that one rule. */
    private final int maxDays;

    public AccessTokenController(AccessTokenService accessTokens, AccountSettings settings) {
        this.accessTokens = accessTokens;
        this.maxDays = (int) settings.accessTokenMaxLifetime().toDays();
    }

    @Operation(summary = "Create a personal access token",
            description = "Body {\"name\", \"expiresInDays\" (1-366 by default)}. The token is in this answer only; "
                    + "it is stored hashed.")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<AccountResponses.AccessTokenView> create(Caller caller, @Body JsonNode body) {
        caller.requireSession();
        AccountBodies fields = AccountBodies.of(body);
        String name = fields.string("name");
        Integer days = fields.integer("expiresInDays", 1, maxDays);
        fields.requireValid();
        Instant expiresAt = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.MILLIS);
        IssuedAccessToken issued = accessTokens.create(caller.userId(), name, expiresAt);
        return HttpResponse.created(view(issued.stored(), issued.token()))
                .header(HttpHeaders.LOCATION, PATH + "/" + issued.stored().id())
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Operation(summary = "List personal access tokens", description = "Names and expiries; never the tokens themselves.")
    @Get(produces = MediaType.APPLICATION_JSON)
    public List<AccountResponses.AccessTokenView> list(Caller caller) {
        caller.requireSession();
        return accessTokens.list(caller.userId()).stream().map(token -> view(token, null)).toList();
    }

    @Operation(summary = "Revoke a personal access token", description = "It stops working at once.")
    @Delete("/{id}")
    public HttpResponse<Void> revoke(Caller caller, @PathVariable String id) {
        caller.requireSession();
        accessTokens.revoke(caller.userId(), id);
        return HttpResponse.noContent();
    }

    private static AccountResponses.AccessTokenView view(AccessToken token, String secret) {
        return new AccountResponses.AccessTokenView(token.id(), token.name(), token.createdAt(), token.expiresAt(), secret);
    }
}
