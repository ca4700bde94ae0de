package dev.todolist.infra.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The accounts the stack proofs sign up and in with: one password for all, and the credentials' POST. */
public final class TestAccounts {

    /** The password of every test user the proofs sign up (long enough for the API's password rules). */
    public static final String PASSWORD = "quartz lantern migrates softly 42";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestAccounts() {
    }

    /** The JSON body of a sign-up or sign-in. */
    public static String credentials(String email, String password) throws JsonProcessingException {
        return JSON.writeValueAsString(Map.of("email", email, "password", password));
    }

    /** POSTs EMAIL and PASSWORD to URL (/api/v1/users signs up, /api/v1/sessions signs in) and returns the answer. */
    public static HttpResponse<String> post(HttpClient client, String url, String email, String password)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials(email, password))).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
