package dev.todolist.api.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Sign-up at {@value #PATH}. */
@Controller(UserController.PATH)
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "accounts")
public class UserController {

    static final String PATH = "/api/v1/users";

    private final PasswordChecks passwords;

    public UserController(PasswordChecks passwords) {
        this.passwords = passwords;
    }

    @Operation(summary = "Sign up",
            description = "Body {\"email\",\"password\"}. Every valid request answers 201 with the same body, whether "
                    + "the email was free (the account now exists) or already registered (nothing changed), so the "
                    + "answer tells nobody which emails are registered. Then sign in with POST /api/v1/sessions.")
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<AccountResponses.SignedUp> signUp(HttpRequest<?> request, @Body JsonNode body) {
        AccountBodies.Credentials credentials = AccountBodies.credentials(body);
        return HttpResponse.created(new AccountResponses.SignedUp(passwords.signUp(request, credentials),
                "POST /api/v1/sessions with this email and password to sign in"));
    }
}
