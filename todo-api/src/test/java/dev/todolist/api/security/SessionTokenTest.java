package dev.todolist.api.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Date;

import static dev.todolist.api.security.ForgedTokens.SECRET;
import static dev.todolist.api.security.ForgedTokens.STRANGER;
import static dev.todolist.api.security.ForgedTokens.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session tokens: signed with SESSION_SECRET, verified with it or SESSION_SECRET_PREVIOUS; every forgery is a 401. */
@ApiTest(properties = {
        "todolist.session.secret=" + ForgedTokens.SECRET,
        "todolist.session.previous-secret=" + SessionTokenTest.PREVIOUS})
class SessionTokenTest {

    static final String PREVIOUS = "Zr8Nq2Lw5Tx9Vb3Mk7Jh1Pd4Fs6Gy0Ca";

    @Api
    private static RunningApi server;
    private static String token;
    private static JWTClaimsSet claims;

    @BeforeAll
    static void start() throws Exception {
        token = server.signUpAndSignIn("tokens@example.org");
        claims = SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static void assertRefused(String bearer) {
        HttpResponse<String> response = server.bearer(bearer).get("/api/v1/todos");
        assertEquals(401, response.statusCode(), bearer + " -> " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(response.body().contains("https://todolist.dev/problems/unauthenticated"), response.body());
    }

    @Test
    void issuedTokensAreHs256SignedWithTheCurrentSecretAndNameTheirSession() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        assertEquals(JWSAlgorithm.HS256, jwt.getHeader().getAlgorithm());
        assertTrue(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
        assertFalse(jwt.verify(new MACVerifier(PREVIOUS.getBytes(StandardCharsets.UTF_8))), "the previous secret never signs");
        assertTrue(claims.getClaim("sid") instanceof String);
        assertTrue(claims.getExpirationTime().after(new Date()));
        assertEquals(200, server.bearer(token).get("/api/v1/todos").statusCode());
    }

    @Test
    void aTokenSignedWithThePreviousSecretIsStillAccepted() throws Exception {
        assertEquals(200, server.bearer(signed(JWSAlgorithm.HS256, PREVIOUS, claims)).get("/api/v1/todos").statusCode());
    }

    @Test
    void aTokenSignedWithAnyOtherKeyIsRefused() throws Exception {
        assertRefused(signed(JWSAlgorithm.HS256, STRANGER, claims));
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = token.split("\\.");
        JWTClaimsSet other = new JWTClaimsSet.Builder(claims).subject("000000000000000000000000").build();
        assertRefused(parts[0] + "." + Base64URL.encode(other.toString()) + "." + parts[2]);
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String[] parts = token.split("\\.");
        char last = parts[2].charAt(0);
        assertRefused(parts[0] + "." + parts[1] + "." + (last == 'A' ? 'B' : 'A') + parts[2].substring(1));
        assertRefused(parts[0] + "." + parts[1] + ".");
    }

    @Test
    void algNoneIsRefused() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(claims.toString()).toString();
        assertRefused(header + "." + payload + ".");
    }

    @Test
    void anotherHmacAlgorithmWithTheRightSecretIsRefused() throws Exception {
        assertRefused(signed(JWSAlgorithm.HS512, SECRET + SECRET, claims));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        JWTClaimsSet expired = new JWTClaimsSet.Builder(claims)
                .issueTime(new Date(System.currentTimeMillis() - 7_200_000))
                .notBeforeTime(new Date(System.currentTimeMillis() - 7_200_000))
                .expirationTime(new Date(System.currentTimeMillis() - 3_600_000)).build();
        assertRefused(signed(JWSAlgorithm.HS256, SECRET, expired));
    }

    @Test
    void aCorrectlySignedTokenWithoutALiveSessionIsRefused() throws Exception {
        assertRefused(signed(JWSAlgorithm.HS256, SECRET, new JWTClaimsSet.Builder(claims).claim("sid", null).build()));
        assertRefused(signed(JWSAlgorithm.HS256, SECRET,
                new JWTClaimsSet.Builder(claims).claim("sid", "000000000000000000000000").build()));
    }

    @Test
    void aSessionOfAnotherUserCannotBeBorrowed() throws Exception {
        String otherToken = server.signUpAndSignIn("tokens-other@example.org");
        Object otherSession = SignedJWT.parse(otherToken).getJWTClaimsSet().getClaim("sid");
        assertRefused(signed(JWSAlgorithm.HS256, SECRET, new JWTClaimsSet.Builder(claims).claim("sid", otherSession).build()));
    }

    @Test
    void garbageIsRefused() {
        for (String bearer : new String[] {"abc", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "tdl_", "tdl_" + "A".repeat(43),
                "null", "\u00e9\u00e9\u00e9"}) {
            assertRefused(bearer);
        }
        assertEquals(401, server.get("/api/v1/todos", "Authorization", "Basic dXNlcjpwYXNz").statusCode());
        assertEquals(401, server.get("/api/v1/todos", "Authorization", "Bearer").statusCode());
    }
}
