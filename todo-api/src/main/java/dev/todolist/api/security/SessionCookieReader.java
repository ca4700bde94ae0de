package dev.todolist.api.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Reads the session token from the {@value SessionTokens#COOKIE} cookie, for browsers, but only
 * when the request has no {@code Authorization} header: a bearer token always wins, so a request
 * is cookie-authenticated exactly when it has no such header, which is the rule {@link CsrfFilter}
 * relies on. (micronaut-security's own cookie reader comes only with its cookie login mode, whose
 * login and logout endpoints this service does not use.)
 */
@Singleton
public class SessionCookieReader implements TokenReader<HttpRequest<?>> {

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return Optional.empty();
        }
        return request.getCookies().findCookie(SessionTokens.COOKIE).map(Cookie::getValue).filter(value -> !value.isBlank());
    }
}
