package dev.todolist.api.security;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.todolist.account.User;
import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RawHttp;
import dev.todolist.testing.RunningApi;
import io.micronaut.data.mongodb.operations.MongoDatabaseNameProvider;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.todolist.api.security.ForgedTokens.SECRET;
import static dev.todolist.api.security.ForgedTokens.STRANGER;
import static dev.todolist.api.security.ForgedTokens.signed;
import static dev.todolist.testing.ProblemAnswers.assertAnyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus (src/test/resources/bad-input/*.jsonl, one case per line): malformed and
 * oversized JSON, wrong types, unicode edge cases, operator injection, header abuse and token
 * tampering, sent over a raw socket so that nothing is cleaned up on the way. Every case must get a
 * 4xx {@code application/problem+json} (the case's own status when it names one), never a 5xx, and
 * the stored data must be exactly as it was before the corpus ran.
 *
 * <p>A case: {@code name}, {@code method}, {@code path} ({todo}: a todo of the signed-in user,
 * {other}: another user's, {token}: the user's session token), {@code auth} (user, none, cookie,
 * doubled, tampered:KIND), optional {@code headers}, a body as {@code body} (text), {@code bodyHex}
 * (raw bytes) or {@code repeat} (prefix + text * times + suffix), optional {@code status}.
 */
@ApiTest(properties = "todolist.session.secret=" + ForgedTokens.SECRET)
class BadInputCorpusTest {

    private static final List<String> FILES = List.of("malformed-json.jsonl", "wrong-types.jsonl",
            "operator-injection.jsonl", "unicode.jsonl", "oversized.jsonl", "headers.jsonl", "tokens.jsonl");

    @Api
    private static RunningApi server;
    private static String token;
    private static String csrf;
    private static String revokedToken;
    private static String bobSession;
    private static String bobId;
    private static String aliceTodo;
    private static String bobTodo;
    private static Map<String, List<String>> before;

    @BeforeAll
    static void start() throws Exception {
        server.post("/api/v1/users", server.toJson(Map.of("email", "corpus@example.org", "password", RunningApi.PASSWORD)));
        var session = server.post("/api/v1/sessions", server.toJson(Map.of("email", "corpus@example.org", "password", RunningApi.PASSWORD)));
        token = (String) server.object(session).get("token");
        csrf = (String) server.object(session).get("csrfToken");
        RunningApi alice = server.bearer(token);
        aliceTodo = (String) alice.object(alice.post("/api/v1/todos", "{\"title\":\"keep me\",\"tags\":[\"a\"],\"notes\":\"n\"}")).get("id");
        alice.post("/api/v1/me/tokens", "{\"name\":\"existing\",\"expiresInDays\":5}");
        revokedToken = server.signIn("corpus@example.org", RunningApi.PASSWORD);
        assertEquals(204, server.bearer(revokedToken).delete("/api/v1/sessions/current").statusCode());
        String bobToken = server.signUpAndSignIn("corpus-bob@example.org");
        RunningApi bob = server.bearer(bobToken);
        bobTodo = (String) bob.object(bob.post("/api/v1/todos", "{\"title\":\"bob's\"}")).get("id");
        bobSession = (String) SignedJWT.parse(bobToken).getJWTClaimsSet().getClaim("sid");
        bobId = SignedJWT.parse(bobToken).getJWTClaimsSet().getSubject();
        before = snapshot();
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsAClientErrorProblem() {
        return FILES.stream().flatMap(file -> cases(file).stream()
                .map(c -> DynamicTest.dynamicTest(file + ": " + c.get("name"), () -> run(c))));
    }

    @Test
    void theCorpusHasAtLeastTwoHundredCases() {
        assertTrue(FILES.stream().mapToInt(file -> cases(file).size()).sum() >= 200);
    }

    /** Sends the whole corpus itself, so that it proves the point whatever order JUnit runs the tests in. */
    @Test
    void storedDataIsUnchangedAfterTheWholeCorpus() {
        FILES.forEach(file -> cases(file).forEach(BadInputCorpusTest::send));
        assertEquals(before, snapshot());
    }

    private static void run(Map<String, Object> c) {
        RawHttp.Response response = send(c);
        String label = c.get("name") + " -> " + response.status() + " " + response.body();
        assertTrue(response.status() >= 400 && response.status() < 500, label);
        if (c.get("status") != null) {
            assertEquals(((Number) c.get("status")).intValue(), response.status(), label);
        }
        assertAnyProblem(response, String.valueOf(c.get("name")));
    }

    @SuppressWarnings("unchecked")
    private static RawHttp.Response send(Map<String, Object> c) {
        Map<String, String> headers = new LinkedHashMap<>();
        String auth = (String) c.get("auth");
        switch (auth) {
            case "user" -> headers.put("Authorization", "Bearer " + token);
            case "cookie" -> headers.put("Cookie", "todolist_session=" + token + "; todolist_csrf=" + csrf);
            case "doubled" -> headers.put("Authorization", "Bearer " + token + " " + token);
            case "none" -> { }
            default -> headers.put("Authorization", "Bearer " + tampered(auth.substring("tampered:".length())));
        }
        byte[] body = body(c);
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        if (c.get("headers") != null) {
            headers.putAll((Map<String, String>) c.get("headers"));
        }
        String path = ((String) c.get("path")).replace("{todo}", aliceTodo).replace("{other}", bobTodo).replace("{token}", token);
        return RawHttp.exchange(server.uri("/").getPort(), (String) c.get("method"), path, headers, body);
    }

    @SuppressWarnings("unchecked")
    private static byte[] body(Map<String, Object> c) {
        if (c.get("body") != null) {
            return ((String) c.get("body")).getBytes(StandardCharsets.UTF_8);
        }
        if (c.get("bodyHex") != null) {
            return HexFormat.of().parseHex((String) c.get("bodyHex"));
        }
        if (c.get("repeat") != null) {
            Map<String, Object> repeat = (Map<String, Object>) c.get("repeat");
            String text = repeat.get("prefix") + ((String) repeat.get("text")).repeat(((Number) repeat.get("times")).intValue())
                    + repeat.get("suffix");
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    /** A forged or broken variant of the user's session token. */
    private static String tampered(String kind) {
        try {
            String[] parts = token.split("\\.");
            JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
            long now = System.currentTimeMillis();
            return switch (kind) {
                case "signature" -> parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);
                case "payload-subject" -> parts[0] + "." + Base64URL.encode(new JWTClaimsSet.Builder(claims).subject(bobId).build().toString())
                        + "." + parts[2];
                case "alg-none" -> Base64URL.encode("{\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2];
                case "alg-none-unsigned" -> Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
                case "wrong-key" -> signed(JWSAlgorithm.HS256, STRANGER, claims);
                case "expired" -> signed(JWSAlgorithm.HS256, SECRET,
                        new JWTClaimsSet.Builder(claims).issueTime(new Date(now - 7_200_000)).notBeforeTime(new Date(now - 7_200_000))
                                .expirationTime(new Date(now - 60_000)).build());
                case "hs512" -> signed(JWSAlgorithm.HS512, SECRET + SECRET, claims);
                case "no-session" -> signed(JWSAlgorithm.HS256, SECRET,
                        new JWTClaimsSet.Builder(claims).claim("sid", null).build());
                case "unknown-session" -> signed(JWSAlgorithm.HS256, SECRET,
                        new JWTClaimsSet.Builder(claims).claim("sid", "000000000000000000000000").build());
                case "other-users-session" -> signed(JWSAlgorithm.HS256, SECRET,
                        new JWTClaimsSet.Builder(claims).claim("sid", bobSession).build());
                case "future-issued-not-before" -> signed(JWSAlgorithm.HS256, SECRET,
                        new JWTClaimsSet.Builder(claims).notBeforeTime(new Date(now + 3_600_000)).build());
                case "truncated" -> parts[0] + "." + parts[1];
                case "four-parts" -> token + ".abc";
                case "kid-injection" -> signed(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("../../../../dev/null").build(),
                        new byte[32], claims.toString());
                case "rs256-header" -> Base64URL.encode("{\"alg\":\"RS256\"}") + "." + parts[1] + "." + parts[2];
                case "not-base64" -> "%%%.%%%.%%%";
                case "random-access-token" -> "tdl_" + "Zm9vYmFyYmF6cXV4".repeat(3).substring(0, 43);
                case "short-access-token" -> "tdl_abc";
                case "access-token-bad-chars" -> "tdl_" + "!".repeat(43);
                case "revoked-session" -> revokedToken;
                case "no-expiry" -> signed(JWSAlgorithm.HS256, SECRET,
                        new JWTClaimsSet.Builder(claims).expirationTime(null).build());
                case "other-issuer" -> signed(JWSAlgorithm.HS256, SECRET,
                        new JWTClaimsSet.Builder(claims).issuer("another-service").build());
                case "no-issuer" -> signed(JWSAlgorithm.HS256, SECRET,
                        new JWTClaimsSet.Builder(claims).issuer(null).build());
                default -> throw new IllegalArgumentException("unknown tampering " + kind);
            };
        } catch (Exception e) {
            throw new IllegalStateException(kind, e);
        }
    }

    private static List<Map<String, Object>> cases(String file) {
        List<Map<String, Object>> cases = new ArrayList<>();
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/" + file)) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    cases.add(server.object(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
        return cases;
    }

    private static Map<String, List<String>> snapshot() {
        MongoDatabase database = server.context().getBean(MongoClient.class)
                .getDatabase(server.context().getBean(MongoDatabaseNameProvider.class).provide(User.class));
        Map<String, List<String>> contents = new LinkedHashMap<>();
        for (String collection : List.of("users", "todos", "sessions", "access_tokens")) {
            List<String> documents = new ArrayList<>();
            database.getCollection(collection).find().sort(Sorts.ascending("_id")).forEach((Document d) -> documents.add(d.toJson()));
            contents.put(collection, documents);
        }
        return contents;
    }
}
