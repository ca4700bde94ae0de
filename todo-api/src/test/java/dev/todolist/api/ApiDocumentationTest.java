package dev.todolist.api;

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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document written at build time and the Swagger UI are served by the API itself, the
 * document carries the build's version, and the UI needs nothing from the Internet: every script,
 * style and icon it loads comes from the jar.
 */
@ApiTest
class ApiDocumentationTest {

    /** The page loads its assets by path, e.g. {@code link(contextPath + "/swagger-ui/res/swagger-ui.css", ...)}. */
    private static final Pattern ASSET = Pattern.compile("\"(/swagger-ui/res/[\\w.\\-]+)\"");
    @Api
    private static RunningApi api;

    @Test
    void openApiDocumentIsServedWithTheBuildsVersion() {
        String version = System.getProperty("todolist.version");
        assertNotNull(version, "surefire passes the project version as todolist.version");
        HttpResponse<String> document = api.get("/openapi/todolist.yml");
        assertEquals(200, document.statusCode());
        assertEquals("application/yaml", document.headers().firstValue("Content-Type").orElse(""), document.headers().toString());
        String yaml = document.body();
        assertTrue(yaml.startsWith("openapi: 3."), yaml.substring(0, Math.min(200, yaml.length())));
        assertTrue(yaml.contains("\n  version: " + version + "\n"), "info.version should be " + version + ": " + yaml.substring(0, 400));
        for (String path : List.of("/api/v1/todos:", "/api/v1/todos/{id}:", "/api/v1/todos/{id}/complete:")) {
            assertTrue(yaml.contains("\n  " + path + "\n"), "documents " + path);
        }
    }

    @Test
    void swaggerUiIsServedAndPointsAtTheDocument() {
        HttpResponse<String> page = api.get("/swagger-ui/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("'/openapi/todolist.yml'"), "the UI loads our document");
    }

    @Test
    void swaggerUiLoadsEveryAssetFromTheJarNotFromACdn() {
        String html = api.get("/swagger-ui/").body();
        // The page loads its assets from script, so look for any absolute or protocol-relative URL at all.
        assertFalse(html.contains("http://") || html.contains("https://") || html.matches("(?s).*[\"'(]//\\w.*"),
                "no remote script, style or font");
        Matcher assets = ASSET.matcher(html);
        int served = 0;
        while (assets.find()) {
            HttpResponse<String> asset = api.get(assets.group(1));
            assertEquals(200, asset.statusCode(), assets.group(1));
            assertFalse(asset.body().isEmpty(), assets.group(1));
            served++;
        }
        assertTrue(served >= 4, "the bundle, the preset, the style and the icons: " + served);
        assertTrue(api.get("/swagger-ui/res/swagger-ui-bundle.js").body().length() > 100_000, "the real bundle");
    }
}
