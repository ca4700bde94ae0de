package dev.todolist.account;

import dev.todolist.problem.InvalidFieldsException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.todolist.problem.FieldViolation;
import io.micronaut.data.mongodb.operations.options.MongoFindOptions;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Personal access tokens: {@value #PREFIX} followed by 256 random bits (base64url). Such a token
 * cannot be guessed, so a plain SHA-256 of it is a safe thing to store and look up by (a slow
 * password hash is for secrets people choose). Expiry is checked on every use.
 */
@Singleton
public class AccessTokenService {

    public static final String PREFIX = "tdl_";
    public static final int NAME_MAX = 100;

    private static final int RANDOM_BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccessTokenRepository repository;
    private final AccountSettings settings;

    public AccessTokenService(AccessTokenRepository repository, AccountSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /** True when {@code token} has the shape of a personal access token (whether or not it is valid). */
    public static boolean looksLikeAccessToken(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    public IssuedAccessToken create(String userId, String name, Instant expiresAt) {
        Instant now = Ids.now();
        List<FieldViolation> violations = new ArrayList<>();
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > NAME_MAX || trimmed.codePoints().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation("name", "must be 1 to " + NAME_MAX + " characters, no control characters"));
        }
        if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(settings.accessTokenMaxLifetime()))) {
            violations.add(new FieldViolation("expiresAt", "must be in the future and at most "
                    + settings.accessTokenMaxLifetime().toDays() + " days away"));
        }
        if (violations.isEmpty() && repository.count(Filters.eq("userId", userId)) >= settings.maxAccessTokens()) {
            violations.add(new FieldViolation("", "an account holds at most " + settings.maxAccessTokens()
                    + " access tokens; revoke one first"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations);
        }
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        AccessToken stored = repository.save(new AccessToken(null, userId, trimmed, sha256(token), now,
                expiresAt.truncatedTo(ChronoUnit.MILLIS)));
        return new IssuedAccessToken(token, stored);
    }

    /** The user's tokens, oldest first (never the secrets: only their hashes are stored). */
    public List<AccessToken> list(String userId) {
        return repository.findAll(new MongoFindOptions()
                .filter(Filters.eq("userId", userId))
                .sort(Sorts.ascending("createdAt", "_id")));
    }

    public void revoke(String userId, String tokenId) {
        long deleted = Ids.objectId(tokenId)
                .map(id -> repository.deleteAll(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId))))
                .orElse(0L);
        if (deleted == 0) {
            throw new AccessTokenNotFoundException();
        }
    }

    public long revokeAll(String userId) {
        return repository.deleteAll(Filters.eq("userId", userId));
    }

    /** The stored token {@code token} names, while it has not expired. */
    public Optional<AccessToken> authenticate(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        return repository.findOne(Filters.eq("tokenHash", sha256(token)))
                .filter(stored -> stored.isActiveAt(Ids.now()));
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
