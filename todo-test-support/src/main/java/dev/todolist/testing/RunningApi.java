package dev.todolist.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API running on a random loopback port against its own database of the shared
 * {@link MongoFixture}, and a plain JDK HTTP client to call it over real HTTP.
 *
 * <p>{@link #signedUp} gives a view of the same server that sends a user's bearer token with
 * every request; closing a view leaves the server running.
 */
public final class RunningApi implements AutoCloseable {

    /** Long enough for any honest answer; a hanging request fails the test instead of blocking it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    /** Passes the password policy; every test user has it unless a test says otherwise. */
    public static final String PASSWORD = "correct staple battery horse 42";

    private final EmbeddedServer server;
    private final HttpClient client;
    private final JsonMapper json;
    private final List<String> defaultHeaders;
    private final boolean ownsServer;

    private RunningApi(EmbeddedServer server) {
        this(server, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                server.getApplicationContext().getBean(JsonMapper.class), List.of(), true);
    }

    private RunningApi(EmbeddedServer server, HttpClient client, JsonMapper json, List<String> defaultHeaders,
                       boolean ownsServer) {
        this.server = server;
        this.client = client;
        this.json = json;
        this.defaultHeaders = defaultHeaders;
        this.ownsServer = ownsServer;
    }

    /** This server, sending {@code headers} (name, value, ...) with every request. */
    public RunningApi withHeaders(String... headers) {
        List<String> all = new java.util.ArrayList<>(defaultHeaders);
        all.addAll(List.of(headers));
        return new RunningApi(server, client, json, List.copyOf(all), false);
    }

    /** This server, as a caller presenting {@code token} as its bearer token. */
    public RunningApi bearer(String token) {
        return withHeaders("Authorization", "Bearer " + token);
    }

    /** Signs {@code email} up with {@link #PASSWORD}, signs in and returns the session token. */
    public String signUpAndSignIn(String email) {
        HttpResponse<String> signedUp = send("POST", "/api/v1/users", toJson(Map.of("email", email, "password", PASSWORD)));
        if (signedUp.statusCode() != 201) {
            throw new IllegalStateException("sign-up failed: " + signedUp.statusCode() + " " + signedUp.body());
        }
        return signIn(email, PASSWORD);
    }

    /** Signs in and returns the session token. */
    public String signIn(String email, String password) {
        HttpResponse<String> session = send("POST", "/api/v1/sessions", toJson(Map.of("email", email, "password", password)));
        if (session.statusCode() != 201) {
            throw new IllegalStateException("sign-in failed: " + session.statusCode() + " " + session.body());
        }
        return (String) object(session).get("token");
    }

    /** A view of this server signed in as a new user {@code email}. */
    public RunningApi signedUp(String email) {
        return bearer(signUpAndSignIn(email));
    }

    /** The management listener ({@code /metrics}, {@code /management/health/...}). */
    public URI managementUri(String path) {
        int port = context().getProperty("todolist.management.port", Integer.class).orElseThrow();
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * The name of the database this API runs on (a fresh one per test class unless its properties
     * name another), for a test that reads or writes it behind the API's back.
     */
    public String databaseName() {
        String uri = context().getRequiredProperty("mongodb.uri", String.class);
        String path = uri.substring(uri.indexOf('/', uri.indexOf("://") + 3) + 1);
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    /** An API on a fresh database named after {@code testName}, with extra properties. */
    public static RunningApi start(String testName, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>();
        all.put("mongodb.uri", MongoFixture.uri(MongoFixture.uniqueDatabase(testName)));
        all.put("micronaut.server.port", -1);
        all.putAll(properties);
        for (int attempt = 1; ; attempt++) {
            if (!properties.containsKey("todolist.management.port")) {
                all.put("todolist.management.port", TestPorts.free());
            }
            try {
                return new RunningApi(ApplicationContext.run(EmbeddedServer.class, all));
            } catch (io.micronaut.http.server.exceptions.ServerStartupException e) {
                // Another process took the port between the check and the bind: draw again.
                if (attempt >= 3 || !(e.getCause() instanceof java.net.BindException)) {
                    throw e;
                }
            }
        }
    }

    public static RunningApi start(String testName) {
        return start(testName, Map.of());
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public URI uri(String path) {
        return path.startsWith("http") ? URI.create(path) : server.getURI().resolve(path);
    }

    public HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean hasContentType = false;
        for (int i = 0; i < defaultHeaders.size(); i += 2) {
            request.header(defaultHeaders.get(i), defaultHeaders.get(i + 1));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            hasContentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !hasContentType) {
            request.header("Content-Type", "application/json");
        }
        return Http.send(client, request.build());
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public HttpResponse<String> patch(String path, String body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    public HttpResponse<String> put(String path, String body, String... headers) {
        return send("PUT", path, body, headers);
    }

    public HttpResponse<String> delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    public Map<String, Object> object(HttpResponse<String> response) {
        return object(response.body());
    }

    /** A JSON object's fields, read with the API's own JSON mapper. */
    public Map<String, Object> object(String json) {
        return read(json, Argument.mapOf(String.class, Object.class));
    }

    public List<Map<String, Object>> array(HttpResponse<String> response) {
        return read(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    public String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String body, Argument<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        if (ownsServer) {
            server.close();
        }
    }
}
