package dev.todolist.api.webapp;

import dev.todolist.testing.Api;
import dev.todolist.testing.ApiTest;
import dev.todolist.testing.RunningApi;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser app at / over real HTTP: index.html revalidated, every asset it names under a
 * content-hashed name and cached for a year, one Content-Security-Policy without inline script
 * or style on all of them, and nothing but the listed files served.
 */
@ApiTest
class WebAppServingTest {

    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/?assets/([a-z0-9-]+\\.[0-9a-f]{10}\\.(?:js|css|svg)))\"");
    @Api
    private static RunningApi api;

    @Test
    void indexIsRevalidatedOnEveryVisit() {
        HttpResponse<String> index = api.get("/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html;charset=utf-8", index.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElse(""));
        String etag = index.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, api.get("/", "If-None-Match", etag).statusCode(), "an unchanged index.html is not sent again");
        assertTrue(index.body().contains("<script type=\"module\" src=\"assets/main."), index.body());
    }

    @Test
    void everyAssetIndexNamesIsHashedAndImmutable() {
        List<String> assets = assets(api.get("/").body());
        assertTrue(assets.size() >= 10, "index.html names the stylesheet, the icon and every module: " + assets);
        for (String path : assets) {
            HttpResponse<String> asset = api.get("/" + path);
            assertEquals(200, asset.statusCode(), path);
            assertEquals(WebAppController.IMMUTABLE, asset.headers().firstValue("Cache-Control").orElse(""), path);
            assertEquals("nosniff", asset.headers().firstValue("X-Content-Type-Options").orElse(""), path);
        }
    }

    @Test
    void modulesImportEachOtherByHashedName() {
        String main = api.get("/" + assets(api.get("/").body()).stream().filter(path -> path.contains("/main.")).findFirst()
                .orElseThrow()).body();
        Matcher imports = Pattern.compile("from '\\./([^']+)'").matcher(main);
        int count = 0;
        while (imports.find()) {
            assertTrue(imports.group(1).matches("[a-z0-9-]+\\.[0-9a-f]{10}\\.js"), imports.group(1));
            assertEquals(200, api.get("/assets/" + imports.group(1)).statusCode(), imports.group(1));
            count++;
        }
        assertTrue(count > 0, main);
    }

    @Test
    void everyAnswerHasTheStrictPolicy() {
        String policy = api.context().getBean(WebAppFiles.class).contentSecurityPolicy();
        assertTrue(policy.contains("default-src 'self'"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertEquals(policy, api.get("/").headers().firstValue("Content-Security-Policy").orElse(""));
        String asset = assets(api.get("/").body()).get(0);
        assertEquals(policy, api.get("/" + asset).headers().firstValue("Content-Security-Policy").orElse(""));
    }

    @Test
    void indexHasNoInlineScriptOrStyle() {
        String index = api.get("/").body();
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(index).find(), "inline <script>: " + index);
        assertFalse(index.contains("<style") || index.contains(" style=") || index.contains(" on"), index);
    }

    @Test
    void aNameNotListedIsAProblem404() {
        for (String path : List.of("/assets/main.js", "/assets/..%2Fcontent-security-policy.txt", "/assets/assets.txt",
                "/index.html.bak")) {
            HttpResponse<String> response = api.get(path);
            assertEquals(404, response.statusCode(), path);
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), path);
        }
    }

    @Test
    void textAssetsAreCompressedForBrowsersThatAcceptIt() {
        String path = assets(api.get("/").body()).stream().filter(p -> p.endsWith(".css")).findFirst().orElseThrow();
        HttpResponse<String> asset = api.get("/" + path, "Accept-Encoding", "gzip");
        assertEquals("gzip", asset.headers().firstValue("Content-Encoding").orElse(""), asset.headers().toString());
    }

    private static List<String> assets(String index) {
        Matcher matcher = ASSET.matcher(index);
        List<String> paths = new java.util.ArrayList<>();
        while (matcher.find()) {
            if (!paths.contains(matcher.group(1))) {
                paths.add(matcher.group(1));
            }
        }
        return paths;
    }
}
