package dev.todolist.api.webapp;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One API jar for every browser test class of the run (started by the first, stopped at the end),
 * one browser per test class (see {@link #freshBrowser()}), and helpers that prepare data over HTTP:
 * users and todos the test does not need to click into being.
 */
final class WebAppUnderTest implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    static final String PASSWORD = "violet hedgehog orbits saturn";
    private static final AtomicInteger USERS = new AtomicInteger();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RunningJar jar;
    private Browser browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        jar = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(RunningJar.class, key -> {
            try {
                return new Holder(RunningJar.start("browser-tests", Map.of()));
            } catch (Exception e) {
                throw new IllegalStateException("the API jar did not start", e);
            }
        }, Holder.class).jar;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /**
     * The class's browser (English, 1024 x 900), reset to the state of one just opened: a test calls
     * this once, before its first step. Starting Chromium and its driver takes seconds on a loaded
     * machine, as long as a whole test, so the tests of a class share one; they stay independent
     * because each signs in a user of its own in a browser that keeps nothing of the last test
     * ({@link Browser#reset}). If the reset fails (the last test left the browser broken), a new
     * browser is opened.
     */
    Browser freshBrowser() {
        if (browser != null) {
            try {
                browser.reset(jar.base().toString());
                return browser;
            } catch (RuntimeException broken) {
                System.err.println("The class's browser could not be reset (" + broken + "); opening a new one");
                Browser old = browser;
                browser = null;
                old.close();
            }
        }
        browser = Browser.open("en", 1024, 900);
        return browser;
    }

    /** Keeps the jar in JUnit's root store, which closes it when the whole run ends. */
    private record Holder(RunningJar jar) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            jar.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WebAppUnderTest.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    String url(String path) {
        return jar.url(path);
    }

    /** A new user's email, unique in the run. */
    static String newEmail(String who) {
        return who + "-" + USERS.incrementAndGet() + "-" + System.nanoTime() % 100_000 + "@example.org";
    }

    /** A user signed up over HTTP: the address to sign in with, and a bearer token for preparing their data. */
    record User(String email, String token) {
    }

    /** Signs a new user up, with an address unique in the run that starts with {@code who}. */
    User newUser(String who) {
        String email = newEmail(who);
        return new User(email, signUp(email));
    }

    /** Signs a user up over HTTP and returns a bearer token for preparing their data. */
    String signUp(String email) {
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}";
        assertEquals(201, send("POST", "/api/v1/users", credentials, null).statusCode());
        String body = send("POST", "/api/v1/sessions", credentials, null).body();
        return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    /** Creates a todo for the token's user over HTTP (JSON body as given). */
    void createTodo(String token, String json) {
        HttpResponse<String> response = send("POST", "/api/v1/todos", json, token);
        assertEquals(201, response.statusCode(), response.body());
    }

    HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
