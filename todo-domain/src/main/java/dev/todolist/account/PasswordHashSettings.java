package dev.todolist.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Argon2id cost of new password hashes. The defaults are OWASP's first recommendation
 * (19 MiB, 2 passes, 1 lane). Existing hashes keep the parameters written into them.
 *
 * @param memoryKib     memory per hash in KiB
 * @param iterations    passes over that memory
 * @param parallelism   lanes
 * @param maxConcurrent hashes computed at once, so that a burst of sign-ins costs at most
 *                      {@code maxConcurrent * memoryKib} of heap and that many cores
 * @param maxWaiting    password checks that may wait for one of those; any more are refused at once
 *                      (503 with Retry-After) instead of holding a request thread while they queue
 */
@ConfigurationProperties("todolist.password-hash")
public record PasswordHashSettings(
        @Bindable(defaultValue = "19456") @Min(1024) @Max(1048576) int memoryKib,
        @Bindable(defaultValue = "2") @Min(1) @Max(10) int iterations,
        @Bindable(defaultValue = "1") @Min(1) @Max(16) int parallelism,
        @Bindable(defaultValue = "2") @Min(1) @Max(64) int maxConcurrent,
        @Bindable(defaultValue = "4") @Min(0) @Max(256) int maxWaiting) {
}
