package dev.todolist.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain JDK HTTP calls for the tests: real requests over loopback, nothing of the server's own client. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** The management listener of a running context ({@code todolist.management.port}, on loopback). */
    public static URL management(io.micronaut.context.ApplicationContext context) {
        int port = context.getProperty("todolist.management.port", Integer.class).orElseThrow();
        try {
            return URI.create("http://127.0.0.1:" + port).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(URL base, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(CLIENT, request.build());
    }

    /** Sends with {@code client}; a failed exchange is unchecked, so a test states only what it expects. */
    public static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
