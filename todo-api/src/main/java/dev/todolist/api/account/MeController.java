package dev.todolist.api.account;

import dev.todolist.account.AccountService;
import dev.todolist.account.User;
import dev.todolist.api.security.Caller;
import dev.todolist.api.security.SignedIn;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.authentication.AuthorizationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The caller's own account at {@value #PATH}: read it, change its password, delete it. */
@Controller(MeController.PATH)
@SignedIn
@Tag(name = "accounts")
public class MeController {

    static final String PATH = "/api/v1/me";

    private final AccountService accounts;
    private final PasswordChecks passwords;

    public MeController(AccountService accounts, PasswordChecks passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Operation(summary = "The signed-in account")
    @Get(produces = MediaType.APPLICATION_JSON)
    public AccountResponses.Me me(Caller caller) {
        User user = accounts.find(caller.userId()).orElseThrow(() -> new AuthorizationException(null));
        return new AccountResponses.Me(user.id(), user.email(), user.createdAt(), user.passwordChangedAt(),
                caller.sessionId() != null ? "session" : "access-token");
    }

    @Operation(summary = "Change the password",
            description = "Body {\"currentPassword\",\"newPassword\"}; needs a session (not an access token). Every other "
                    + "session of the account ends and every personal access token is revoked; this session stays. "
                    + "The answer says how many of each ended.")
    @Put(uri = "/password", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public AccountResponses.PasswordChanged changePassword(HttpRequest<?> request, Caller caller,
                                                           @Body JsonNode body) {
        caller.requireSession();
        AccountBodies fields = AccountBodies.of(body);
        String current = fields.string("currentPassword");
        String replacement = fields.string("newPassword");
        fields.requireValid();
        AccountService.PasswordChange change = passwords.confirmed(request, caller.userId(),
                () -> accounts.changePassword(caller.userId(), current, replacement, caller.sessionId()));
        return new AccountResponses.PasswordChanged(change.sessionsEnded(), change.accessTokensRevoked());
    }

    @Operation(summary = "Delete the account",
            description = "Body {\"password\"}; needs a session. Deletes the account's todos, sessions and access tokens, "
                    + "then the account.")
    @Delete(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Void> delete(HttpRequest<?> request, Caller caller, @Body JsonNode body) {
        caller.requireSession();
        AccountBodies fields = AccountBodies.of(body);
        String password = fields.string("password");
        fields.requireValid();
        passwords.confirmed(request, caller.userId(), () -> {
            accounts.delete(caller.userId(), password);
            return null;
        });
        return SessionController.withCookiesCleared(HttpResponse.noContent());
    }
}
