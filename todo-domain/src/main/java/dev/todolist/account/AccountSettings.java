package dev.todolist.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * The rules of accounts, sessions and personal access tokens.
 *
 * @param passwordMinLength       fewest characters (code points) a password may have
 * @param accessTokenMaxLifetime  the longest expiry a personal access token may be given
 * @param maxAccessTokens         personal access tokens one account may hold at once
 */
@ConfigurationProperties("todolist.accounts")
public record AccountSettings(
        @Bindable(defaultValue = "12") @Min(8) @Max(64) int passwordMinLength,
        @Bindable(defaultValue = "366d") Duration accessTokenMaxLifetime,
        @Bindable(defaultValue = "50") @Min(1) int maxAccessTokens) {
}
