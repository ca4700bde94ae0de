package dev.todolist.api.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;

/**
 * Which peers may tell the service its public address through {@code X-Forwarded-Proto},
 * {@code X-Forwarded-Host} and {@code X-Forwarded-Prefix}: addresses or CIDR blocks of the
 * reverse proxies in front of it. Anybody else's forwarded headers are ignored, so a client
 * cannot make the service hand out links to a host of its choosing.
 *
 * <p>A configured {@code publicBaseUrl} wins over all of them: links then never depend on what a
 * request says about its host. It is required in production (see {@link PublicUrls}).
 *
 * @param trustedProxies e.g. {@code 127.0.0.1/32, 172.16.0.0/12}; loopback only by default
 * @param publicBaseUrl  the URL clients reach the service at, e.g. {@code https://todo.example} or
 *                       {@code https://example.org/todo}; unset: taken from each request
 */
@ConfigurationProperties("todolist.web")
public record ForwardedHeadersSettings(
        @Bindable(defaultValue = "127.0.0.1/32,::1/128") List<String> trustedProxies,
        @Nullable String publicBaseUrl) {
}
