package dev.todolist.api.security;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller, or one route, for signed-in callers only: anyone else gets 401, and the OpenAPI
 * document says the route takes the {@value SessionTokens#BEARER} token, so that the two cannot
 * disagree. The route runs on the blocking executor: checking the caller's token and doing the
 * work both wait on MongoDB.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = SessionTokens.BEARER)
@ExecuteOn(TaskExecutors.BLOCKING)
public @interface SignedIn {
}
