package dev.todolist.api.security;

import dev.todolist.account.AccessTokenService;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Bearer tokens that are personal access tokens ({@code tdl_...}): looked up by their hash on the
 * blocking executor. Session JWTs are left to micronaut-security's JWT validator.
 */
@Singleton
public class AccessTokenValidator implements TokenValidator<HttpRequest<?>> {

    private final AccessTokenService accessTokens;
    private final Scheduler blocking;

    public AccessTokenValidator(AccessTokenService accessTokens, @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.accessTokens = accessTokens;
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (!AccessTokenService.looksLikeAccessToken(token)) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> accessTokens.authenticate(token)
                        .map(stored -> Authentication.build(stored.userId(), Map.of(Caller.ACCESS_TOKEN_ID, stored.id())))
                        .orElse(null))
                .subscribeOn(blocking);
    }
}
