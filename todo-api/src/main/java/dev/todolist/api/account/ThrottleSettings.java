package dev.todolist.api.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * Limits on password guessing, counted over a sliding {@code window} across every instance of the
 * service (in MongoDB).
 *
 * @param accountFailures failed sign-ins (or password checks) for one email before it is locked
 *                        for the rest of the window, whoever tries
 * @param addressFailures failed sign-ins from one client address, across every email: what stops
 *                        a client spraying one password over many accounts
 * @param addressSignUps  sign-ups from one client address
 * @param window          how far back attempts count
 */
@ConfigurationProperties("todolist.throttle")
public record ThrottleSettings(
        @Bindable(defaultValue = "5") @Min(1) int accountFailures,
        @Bindable(defaultValue = "20") @Min(1) int addressFailures,
        @Bindable(defaultValue = "10") @Min(1) int addressSignUps,
        @Bindable(defaultValue = "15m") Duration window) {
}
