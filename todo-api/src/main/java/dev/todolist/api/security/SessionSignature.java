package dev.todolist.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * How session tokens are signed and verified: HS256 with {@code SESSION_SECRET}; a token signed
 * with {@code SESSION_SECRET_PREVIOUS} still verifies, so a rotation does not sign everybody out.
 * Only HS256 is accepted: a token naming another algorithm ({@code none}, {@code RS256}, ...) is
 * refused whatever its signature. A correctly signed token must also have the shape this service
 * issues: a numeric {@code exp} (without one a token would never expire), this service's
 * {@code iss} (the application name, which micronaut-security writes; another service or tool that
 * shares the secret does not mint sessions here) and a string {@code sub}. The raw payload is
 * checked here, before the claims are parsed, because the parser turns a numeric {@code sub} into
 * a string and fails with a stack trace on a {@code sub} that is an object.
 *
 * <p>It is micronaut-security's {@code generator} signature (the one {@code JwtTokenGenerator}
 * signs with) and the only signature configuration, so it is also what every token is checked
 * against. It is created at start-up ({@code @Context}), so that a missing secret is warned about,
 * and an unusable one refused, before the first request rather than at the first sign-in.
 */
@Context
@Named("generator")
public class SessionSignature implements SignatureGeneratorConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SessionSignature.class);

    private final SecretSignature current;
    @Nullable
    private final SecretSignature previous;
    private final String issuer;

    public SessionSignature(SessionSecretSettings settings, ApplicationConfiguration application,
                            @Value("${todolist.environment:development}") String environment) {
        this.issuer = application.getName().orElseThrow(() ->
                new IllegalStateException("micronaut.application.name is the session tokens' issuer; it must be set"));
        String secret = settings.secret();
        if (secret == null || secret.isBlank()) {
            SessionSecretRule.refusal(environment, Map.of()).ifPresent(reason -> {
                throw new IllegalStateException(reason);
            });
            secret = randomSecret();
            LOG.warn("No {} given: signing sessions with a random secret generated for this run. Sessions end"
                    + " when the service restarts, and instances do not accept each other's. Set {} (at least {}"
                    + " characters) to keep them.", SessionSecretRule.SESSION_SECRET,
                    SessionSecretRule.SESSION_SECRET, SessionSecretRule.MIN_LENGTH);
        }
        check(SessionSecretRule.SESSION_SECRET, secret, environment);
        this.current = signature("current", secret);
        String previousSecret = settings.previousSecret();
        if (previousSecret != null && !previousSecret.isBlank()) {
            check(SessionSecretRule.SESSION_SECRET_PREVIOUS, previousSecret, environment);
            this.previous = signature("previous", previousSecret);
        } else {
            this.previous = null;
        }
    }

    @Override
    public SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
        return current.sign(claims);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return false;
        }
        return (current.verify(jwt) || previous != null && previous.verify(jwt)) && hasIssuedShape(jwt.getPayload().toJSONObject());
    }

    private boolean hasIssuedShape(@Nullable Map<String, Object> payload) {
        return payload != null && payload.get("exp") instanceof Number && issuer.equals(payload.get("iss"))
                && payload.get("sub") instanceof String subject && !subject.isBlank();
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.HS256.equals(algorithm);
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only HS256 is supported";
    }

    private static void check(String name, String secret, String environment) {
        SessionSecretRule.weakness(name, secret, "production".equals(environment)).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
    }

    private static SecretSignature signature(String name, String secret) {
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration(name);
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        configuration.setSecret(secret.strip());
        return new SecretSignature(configuration);
    }

    private static String randomSecret() {
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
