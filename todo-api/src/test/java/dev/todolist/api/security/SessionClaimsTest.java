package dev.todolist.api.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.SignedJWT;
import dev.todolist.testing.LogCapture;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session token must carry an expiry, this service's issuer and a string subject, besides a
 * valid signature and a live session: a correctly signed token that lacks any of them (a token
 * minted by a tool, or by another service sharing the secret) is a plain 401, and never a stack
 * trace in the log.
 */
class SessionClaimsTest {

    private static RunningApi server;
    private static Map<String, Object> claims;

    @BeforeAll
    static void start() throws Exception {
        server = RunningApi.start("sessionclaims", Map.of("todolist.session.secret", ForgedTokens.SECRET));
        String token = server.signUpAndSignIn("claims@example.org");
        claims = SignedJWT.parse(token).getJWTClaimsSet().toJSONObject();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theIssuedTokenCarriesAllThreeAndIsAccepted() throws Exception {
        assertTrue(claims.get("exp") instanceof Number, claims.toString());
        assertEquals("todolist", claims.get("iss"));
        assertTrue(claims.get("sub") instanceof String, claims.toString());
        assertEquals(200, server.bearer(signed(claims)).get("/api/v1/todos").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"exp", "iss", "sub"})
    void aTokenWithoutTheClaimIsRefused(String claim) throws Exception {
        Map<String, Object> without = new LinkedHashMap<>(claims);
        without.remove(claim);
        assertRefusedQuietly(without);
    }

    @ParameterizedTest
    @ValueSource(strings = {"someone-else", "", "TODOLIST", "todolist "})
    void aTokenFromAnotherIssuerIsRefused(String issuer) throws Exception {
        Map<String, Object> other = new LinkedHashMap<>(claims);
        other.put("iss", issuer);
        assertRefusedQuietly(other);
    }

    @Test
    void aSubjectThatIsNotAStringIsRefused() throws Exception {
        for (Object subject : List.of(42, Long.parseLong("1234567890123"), true, List.of(claims.get("sub")),
                Map.of("$oid", claims.get("sub")))) {
            Map<String, Object> other = new LinkedHashMap<>(claims);
            other.put("sub", subject);
            assertRefusedQuietly(other);
        }
    }

    @Test
    void anExpiryThatIsNotANumberIsRefused() throws Exception {
        for (Object expiry : List.of("2999-01-01", "never", List.of(1), true)) {
            Map<String, Object> other = new LinkedHashMap<>(claims);
            other.put("exp", expiry);
            assertRefusedQuietly(other);
        }
    }

    private static void assertRefusedQuietly(Map<String, Object> payload) throws Exception {
        try (LogCapture log = LogCapture.of(Logger.ROOT_LOGGER_NAME)) {
            HttpResponse<String> response = server.bearer(signed(payload)).get("/api/v1/todos");
            assertEquals(401, response.statusCode(), payload + " -> " + response.body());
            assertTrue(response.body().contains("https://todolist.dev/problems/unauthenticated"), response.body());
            List<ILoggingEvent> traces = log.events().stream().filter(e -> e.getThrowableProxy() != null).toList();
            assertTrue(traces.isEmpty(), payload + " logged " + traces);
        }
    }

    private static String signed(Map<String, Object> payload) throws Exception {
        return ForgedTokens.signed(new JWSHeader(JWSAlgorithm.HS256), ForgedTokens.SECRET.getBytes(StandardCharsets.UTF_8),
                server.toJson(payload));
    }
}
