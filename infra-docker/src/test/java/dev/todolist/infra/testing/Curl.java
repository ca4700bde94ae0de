package dev.todolist.infra.testing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real HTTP client for the proofs (curl: HTTP/2, TLS versions, parallel transfers), and the
 * API's authentication when it has one: {@link #signIn} signs a test user up and in and adds its
 * bearer token to every later call, or, on an API without accounts (404), leaves calls anonymous.
 */
public final class Curl {

    /** One exchange: status, headers (lower-case names, every value) and body. */
    public record Exchange(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            List<String> values = headers.getOrDefault(name, List.of());
            return values.isEmpty() ? null : values.get(0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile List<String> authorization = List.of();

    private Curl() {
    }

    /** The arguments that authenticate a call (empty on an API without accounts). */
    public static List<String> authorization() {
        return authorization;
    }

    /** curl with the given arguments; parses the head (-D -) of the last response. */
    public static Exchange call(String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-D", "-", "--max-time", "20"));
        command.addAll(authorization);
        command.addAll(List.of(args));
        String output = Command.run(command, Duration.ofSeconds(30)).output();
        String[] parts = output.split("\r\n\r\n", 2);
        Matcher status = Pattern.compile("^HTTP/[0-9.]+ (\\d{3})").matcher(parts[0]);
        if (!status.find()) {
            return new Exchange(-1, Map.of(), output);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        parts[0].lines().skip(1).forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        });
        return new Exchange(Integer.parseInt(status.group(1)), headers, parts.length > 1 ? parts[1] : "");
    }

    /**
     * Proves at SESSIONS_URL that a client cannot pick its throttle key through X-Forwarded-For: 25
     * failed sign-ins, each for another email and claiming another client address (10.9.8.N), 100 ms
     * apart (under nginx's 20 r/s, so that a 429 is the API's throttle, not nginx's limit). The
     * spraying throttle (20 failures per address) must answer the first 20 with 401 and the rest with
     * 429, which it does only if every attempt counted against the one real address.
     */
    public static void assertForgedForwardedForIsIgnoredByTheSprayThrottle(String sessionsUrl) throws InterruptedException {
        List<Integer> statuses = new ArrayList<>();
        for (int attempt = 1; attempt <= 25; attempt++) {
            statuses.add(call("-k", "-H", "Content-Type: application/json", "-H", "X-Forwarded-For: 10.9.8." + attempt,
                    "-d", "{\"email\":\"spray-" + attempt + "@example.org\",\"password\":\"not the password at all\"}",
                    sessionsUrl).status());
            Thread.sleep(100);
        }
        assertEquals(List.of(401), statuses.subList(0, 20).stream().distinct().toList(), statuses.toString());
        assertEquals(List.of(429), statuses.subList(20, 25).stream().distinct().toList(),
                "a forged X-Forwarded-For must not give each attempt a fresh address: " + statuses);
    }

    /**
     * Signs EMAIL up and in through BASE_URL (e.g. https://127.0.0.1:PORT) when the API has accounts
     * (POST /api/v1/users, POST /api/v1/sessions); from then on every call carries the token.
     */
    public static void signIn(String baseUrl, String email) throws IOException {
        authorization = List.of();
        String credentials = TestAccounts.credentials(email, TestAccounts.PASSWORD);
        Exchange signUp = call("-k", "-H", "Content-Type: application/json", "-d", credentials, baseUrl + "/api/v1/users");
        if (signUp.status() == 404) {
            System.out.println("API without accounts (POST /api/v1/users is 404): calls stay anonymous");
            return;
        }
        if (signUp.status() != 201) {
            throw new AssertionError("sign-up failed: " + signUp.status() + " " + signUp.body());
        }
        Exchange session = call("-k", "-H", "Content-Type: application/json", "-d", credentials, baseUrl + "/api/v1/sessions");
        if (session.status() != 201) {
            throw new AssertionError("sign-in failed: " + session.status() + " " + session.body());
        }
        authorization = List.of("-H", "Authorization: Bearer " + JSON.readTree(session.body()).get("token").asText());
        System.out.println("API with accounts: signed in as " + email + ", calls carry its bearer token");
    }
}
