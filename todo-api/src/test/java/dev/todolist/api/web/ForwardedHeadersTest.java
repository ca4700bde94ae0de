package dev.todolist.api.web;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code url} of a todo, {@code Location} and the paging {@code Link}s behind a reverse proxy:
 * {@code X-Forwarded-Proto/Host/Prefix} are honoured from trusted proxies (loopback by default,
 * which is where this test's requests come from) and ignored from anybody else.
 *
 * <p>One API with the default trusted proxies serves the tests, each as a user of its own; the
 * untrusted peer needs another configuration, and its test starts an API of its own.
 */
@ApiTest
class ForwardedHeadersTest {

    private static final String ROOT = "/api/v1/todos";
    private static final String[] PROXY_HEADERS = {
            "X-Forwarded-Proto", "https",
            "X-Forwarded-Host", "todo.example.org",
            "X-Forwarded-Prefix", "/lists/"};

    @Api
    private static RunningApi server;

    @Test
    void forwardedHeadersOfATrustedProxyShapeUrlLocationAndLinks() {
        RunningApi api = server.signedUp("proxied-trusted@example.org");
        HttpResponse<String> created = api.post(ROOT, "{\"title\":\"behind nginx\"}", PROXY_HEADERS);
        assertEquals(201, created.statusCode(), created.body());
        String url = (String) api.object(created).get("url");
        assertTrue(url.startsWith("https://todo.example.org/lists/api/v1/todos/"), url);
        assertEquals(url, created.headers().firstValue("Location").orElse(""));

        HttpResponse<String> list = api.get(ROOT + "?size=1", PROXY_HEADERS);
        assertEquals(url, api.array(list).get(0).get("url"));
        assertTrue(list.headers().firstValue("Link").orElse("").startsWith("<https://todo.example.org/lists/api/v1/todos?"),
                list.headers().toString());
    }

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        // The environment's TODOLIST_WEB_TRUSTED_PROXIES becomes this property: a comma-separated list.
        try (RunningApi untrusting = RunningApi.start("forwarded-untrusted",
                Map.of("todolist.web.trusted-proxies", "10.0.0.0/8,192.168.0.0/16"))) {
            RunningApi api = untrusting.signedUp("proxied@example.org");
            HttpResponse<String> created = api.post(ROOT, "{\"title\":\"direct\"}", PROXY_HEADERS);
            String url = (String) api.object(created).get("url");
            String direct = api.uri(ROOT).toString();
            assertTrue(url.startsWith(direct + "/"), url + " should start with " + direct);
            assertEquals(url, created.headers().firstValue("Location").orElse(""));
        }
    }

    @Test
    void forwardedValuesThatAreNotAHostOrAPathAreIgnored() {
        RunningApi api = server.signedUp("proxied-invalid@example.org");
        HttpResponse<String> created = api.post(ROOT, "{\"title\":\"odd proxy\"}",
                "X-Forwarded-Proto", "javascript",
                "X-Forwarded-Host", "evil.example/phish?x=",
                "X-Forwarded-Prefix", "/a b/<script>");
        String url = (String) api.object(created).get("url");
        assertTrue(url.startsWith(api.uri(ROOT) + "/"), url);
    }

    @Test
    void theFirstHostOfAProxyChainWins() {
        RunningApi api = server.signedUp("proxied-chain@example.org");
        HttpResponse<String> created = api.post(ROOT, "{\"title\":\"two proxies\"}",
                "X-Forwarded-Proto", "https, http",
                "X-Forwarded-Host", "outer.example.org, inner.internal:8080");
        String url = (String) api.object(created).get("url");
        assertTrue(url.startsWith("https://outer.example.org/api/v1/todos/"), url);
    }
}
