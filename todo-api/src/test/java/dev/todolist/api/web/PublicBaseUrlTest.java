package dev.todolist.api.web;

import dev.todolist.testing.RunningApi;
import dev.todolist.api.StartRefusedException;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With TODOLIST_WEB_PUBLIC_BASE_URL set, a todo's url, Location and Link are built on it, whatever
 * Host or X-Forwarded-Host a client sends; production refuses to start without it.
 */
class PublicBaseUrlTest {

    private static final String BASE = "https://todo.example/app";

    @Test
    void linksUseTheConfiguredBaseWhateverTheRequestSaysItsHostIs() {
        try (RunningApi server = RunningApi.start("publicbaseurl", Map.of("todolist.web.public-base-url", BASE + "/"))) {
            RunningApi user = server.signedUp("links@example.org")
                    .withHeaders("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "http");
            HttpResponse<String> created = user.post("/api/v1/todos", "{\"title\":\"t\"}");
            String location = created.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith(BASE + "/api/v1/todos/"), location);
            assertEquals(location, user.object(created).get("url"));
            HttpResponse<String> list = user.get("/api/v1/todos?size=1");
            String link = list.headers().firstValue("Link").orElseThrow();
            assertTrue(link.startsWith("<" + BASE + "/api/v1/todos?"), link);
            assertFalse(link.contains("evil") || list.body().contains("evil"), link);
        }
    }

    @Test
    void productionRefusesToStartWithoutIt() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> RunningApi.start("publicbaseurlprod",
                Map.of("todolist.environment", "production",
                        "todolist.session.secret", "Hv7Lq2Wx9Rb4Nm8Tk3Jd6Pf1Zs5Gc0Ya")).close());
        assertTrue(causes(failure), failure.toString());
    }

    @Test
    void aBaseThatIsNotAnHttpUrlIsRefused() {
        for (String bad : new String[] {"todo.example", "ftp://todo.example", "https://todo.example/?x=1", "https://u:p@todo.example"}) {
            RuntimeException failure = assertThrows(RuntimeException.class,
                    () -> RunningApi.start("publicbaseurlbad", Map.of("todolist.web.public-base-url", bad)).close());
            assertTrue(causes(failure), bad + ": " + failure);
        }
    }

    private static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartRefusedException) {
                return true;
            }
        }
        return false;
    }
}
