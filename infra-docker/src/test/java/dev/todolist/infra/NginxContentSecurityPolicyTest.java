package dev.todolist.infra;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nginx and the API send one Content-Security-Policy: the text of todo-web's
 * content-security-policy.txt (which the API reads) is the one nginx's security-headers.conf sets.
 */
class NginxContentSecurityPolicyTest {

    private static final Pattern NGINX_POLICY = Pattern.compile("add_header Content-Security-Policy \"([^\"]+)\" always;");

    @Test
    void nginxSendsTheWebAppsPolicy() throws IOException {
        String snippet = Files.readString(Path.of("src/main/bundle/nginx/snippets/security-headers.conf"));
        Matcher matcher = NGINX_POLICY.matcher(snippet);
        assertTrue(matcher.find(), "security-headers.conf sets a Content-Security-Policy: " + snippet);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/todolist-web/content-security-policy.txt")) {
            assertNotNull(in, "todo-web is on the test class path");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(), matcher.group(1));
        }
    }
}
