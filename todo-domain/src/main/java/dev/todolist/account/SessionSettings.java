package dev.todolist.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Sessions ({@code TODOLIST_SESSION_LIFETIME}); the secrets that sign their tokens are the API's
 * concern and share the prefix.
 *
 * @param lifetime how long a sign-in lasts (the token's expiry and the session's)
 */
@ConfigurationProperties("todolist.session")
public record SessionSettings(@Bindable(defaultValue = "24h") Duration lifetime) {
}
