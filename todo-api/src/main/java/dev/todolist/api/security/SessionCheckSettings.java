package dev.todolist.api.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How long an instance may trust its last look-up of a session ({@code TODOLIST_SESSION_REVOCATION_DELAY}).
 *
 * @param revocationDelay the longest time a session revoked by another instance (sign-out, password
 *                        change, account deletion) is still honoured here; the instance that
 *                        revokes it refuses it at once. {@code 0s} looks the session up on every request
 */
@ConfigurationProperties("todolist.session")
public record SessionCheckSettings(@Bindable(defaultValue = "5s") Duration revocationDelay) {
}
