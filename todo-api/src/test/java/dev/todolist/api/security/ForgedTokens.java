package dev.todolist.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;

import java.nio.charset.StandardCharsets;

/**
 * Session tokens made outside the API, as a client holding the secret, or an attacker, could make
 * them: the token tests' one HMAC signer.
 */
final class ForgedTokens {

    /** The session secret the token tests give the API ({@code todolist.session.secret}). */
    static final String SECRET = "k7Qw9zR2mX4vB8nL1pT6yH3jF5dS0aGc";
    /** A secret the API does not know. */
    static final String STRANGER = "Yt5Hn8Bq2Wm6Xr9Kv3Lc7Pf1Jd4Gs0Na";

    private ForgedTokens() {
    }

    /** {@code claims} signed with HMAC {@code algorithm} and {@code secret}. */
    static String signed(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) throws JOSEException {
        return signed(new JWSHeader(algorithm), secret.getBytes(StandardCharsets.UTF_8), claims.toString());
    }

    /** Any JSON payload signed with {@code key}, even one Nimbus' claim builder would refuse to write. */
    static String signed(JWSHeader header, byte[] key, String payload) throws JOSEException {
        String signingInput = header.toBase64URL() + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8));
        Base64URL signature = new MACSigner(key).sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + signature;
    }
}
