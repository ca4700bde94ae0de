package dev.todolist.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.RolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

/**
 * Session tokens fully verified in the last revocation delay ({@link SessionCheckSettings}),
 * answered from memory: a signed-in client's requests then skip the JWT's parse, its HMAC, its
 * claim checks and the hop to the blocking executor that validation takes (together ~15% of a todo
 * request's CPU), not only the session look-up ({@link RecentSessionChecks}).
 *
 * <p>Only a token that passed every check of micronaut-security's JWT validator (signature,
 * algorithm and shape, expiry, the active session) is remembered: it is the JWT authentication
 * factory, which that validator calls with a token only once all its checks passed. An entry
 * expires the revocation delay after that verification, or when the token itself expires if that
 * is sooner, so nothing is honoured longer than {@link RecentSessionChecks} already allows; a
 * revocation through this instance forgets the user's tokens at once
 * ({@link AccountChangesForgetSessionChecks}). As the first token validator it answers a
 * remembered token at once and leaves every other token (new, refused, personal access tokens) to
 * the validators after it. A delay of {@code 0s} remembers nothing.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
public class RecentTokenVerifications extends DefaultJwtAuthenticationFactory implements TokenValidator<HttpRequest<?>> {

    /** Bounds the memory: one entry per session token used in the last delay. */
    private static final int MAX_ENTRIES = 10_000;

    private final Duration delay;
    private final Cache<String, Verified> verified;

    public RecentTokenVerifications(TokenConfiguration tokenConfiguration, RolesFinder rolesFinder,
                                    SessionCheckSettings settings) {
        super(tokenConfiguration, rolesFinder);
        this.delay = settings.revocationDelay();
        this.verified = delay.isZero() ? null : Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfter(new UntilDeadline())
                .build();
    }

    /** Called by the JWT validator with a token that passed all its checks; remembers the answer. */
    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        Optional<Authentication> authentication = super.createAuthentication(token);
        if (verified != null && authentication.isPresent() && token.getParsedString() != null
                && authentication.get().getAttributes().get(Caller.SESSION_ID) instanceof String) {
            deadline(token).ifPresent(deadline ->
                    verified.put(token.getParsedString(), new Verified(authentication.get(), deadline)));
        }
        return authentication;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Verified known = verified == null ? null : verified.getIfPresent(token);
        return known == null ? Mono.empty() : Mono.just(known.authentication());
    }

    /** Before the JWT validator and the access-token validator: a hit needs neither. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Forgets the remembered tokens of {@code userId}: its next requests are verified in full. */
    public void forgetUser(String userId) {
        if (verified != null) {
            verified.asMap().values().removeIf(entry -> userId.equals(entry.authentication().getName()));
        }
    }

    /** The earlier of the delay from now and the token's expiry; empty for a token without one (never remembered). */
    private Optional<Long> deadline(JWT token) {
        Date expiry;
        try {
            expiry = token.getJWTClaimsSet().getExpirationTime();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (expiry == null) {
            return Optional.empty();
        }
        long untilExpiry = Duration.ofMillis(expiry.getTime() - System.currentTimeMillis()).toNanos();
        return Optional.of(System.nanoTime() + Math.min(delay.toNanos(), untilExpiry));
    }

    private record Verified(Authentication authentication, long deadlineNanos) {
    }

    /** Each entry lives until its own deadline; reading it does not extend it. */
    private static final class UntilDeadline implements Expiry<String, Verified> {

        @Override
        public long expireAfterCreate(String token, Verified entry, long currentTime) {
            return Math.max(0, entry.deadlineNanos() - currentTime);
        }

        @Override
        public long expireAfterUpdate(String token, Verified entry, long currentTime, long currentDuration) {
            return Math.max(0, entry.deadlineNanos() - currentTime);
        }

        @Override
        public long expireAfterRead(String token, Verified entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
