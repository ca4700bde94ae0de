package dev.todolist.api.security;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * The secrets that sign and verify session tokens ({@code SESSION_SECRET} and
 * {@code SESSION_SECRET_PREVIOUS} in application.yml).
 *
 * @param secret         signs every new token and verifies tokens; when blank outside production, a
 *                       random secret is generated for the run
 * @param previousSecret only verifies: tokens signed before a rotation stay valid until they expire
 */
@ConfigurationProperties("todolist.session")
public record SessionSecretSettings(@Nullable String secret, @Nullable String previousSecret) {
}
