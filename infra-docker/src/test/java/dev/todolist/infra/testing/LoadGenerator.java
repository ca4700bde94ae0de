package dev.todolist.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bounded load on the API through nginx: a few workers on their own connections (HTTP/1.1, the
 * stack's certificate trusted), each sending one request per pace, half GETs (a list page, or a
 * todo acknowledged earlier) and half writes (POST of a new todo). Every request is recorded with
 * its start, end and outcome; every acknowledged write (201) is remembered, so that a proof can
 * check afterwards that each one is stored. The pace keeps the whole load under nginx's per-address
 * rate limit (20 r/s, conf.d/rate-limit.conf): the load comes from one address.
 */
public final class LoadGenerator {

    /** One request: what, when (System.nanoTime), and its status (-1 when no answer came, with the error). */
    public record Request(String method, String path, long startedNanos, long endedNanos, int status, String error) {

        public boolean failed() {
            return status < 200 || status >= 300;
        }

        public boolean write() {
            return !method.equals("GET");
        }

        /** Sent before an instance was gone (GONE) and not answered before it was signalled (SIGNALLED). */
        public boolean sentWhileDying(long signalled, long gone) {
            return startedNanos <= gone && endedNanos >= signalled;
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + (status < 0 ? error : String.valueOf(status));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String baseUrl;
    private final String authorization;
    /** In completion order. */
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;

    private LoadGenerator(HttpClient client, String baseUrl, String authorization) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /**
     * Signs a new user up and in at BASE_URL (https://127.0.0.1:PORT), trusting CERTIFICATE (the
     * stack's PEM certificate), and returns a generator that acts as that user.
     */
    public static LoadGenerator signedIn(String baseUrl, Path certificate, String email) throws IOException, InterruptedException {
        HttpClient client = client(certificate);
        for (String path : List.of("/api/v1/users", "/api/v1/sessions")) {
            HttpResponse<String> answer = TestAccounts.post(client, baseUrl + path, email, TestAccounts.PASSWORD);
            if (answer.statusCode() != 201) {
                throw new AssertionError("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
            }
            if (path.endsWith("sessions")) {
                return new LoadGenerator(client, baseUrl, "Bearer " + JSON.readTree(answer.body()).get("token").asText());
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** An HTTP/1.1 client that trusts CERTIFICATE (the stack's PEM certificate) and nothing else. */
    public static HttpClient client(Path certificate) throws IOException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).sslContext(trusting(certificate)).build();
    }

    private static SSLContext trusting(Path certificate) throws IOException {
        try (InputStream pem = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("stack", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + certificate, e);
        }
    }

    /** Starts WORKERS workers, each sending one request per PACE, until {@link #stop()}. */
    public void start(int workerCount, Duration pace) {
        requests.clear();
        running = true;
        for (int i = 0; i < workerCount; i++) {
            String name = "load-" + i;
            Thread worker = new Thread(() -> work(name, pace), name);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Stops the workers (each finishes its request in flight) and returns every request of the run. */
    public List<Request> stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join(60_000);
        }
        workers.clear();
        return List.copyOf(requests);
    }

    private void work(String name, Duration pace) {
        long sent = 0;
        while (running) {
            long next = System.nanoTime() + pace.toNanos();
            List<String> ids = List.copyOf(acknowledged.keySet());
            if (ids.isEmpty() || ThreadLocalRandom.current().nextBoolean()) {
                create(name + "-" + sent);
            } else if (ThreadLocalRandom.current().nextBoolean()) {
                send("GET", "/api/v1/todos?size=20", null);
            } else {
                send("GET", "/api/v1/todos/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size())), null);
            }
            sent++;
            long rest = next - System.nanoTime();
            if (rest > 0) {
                try {
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void create(String title) {
        HttpResponse<String> created = send("POST", "/api/v1/todos", "{\"title\":\"" + title + "\"}");
        if (created != null && created.statusCode() == 201) {
            try {
                acknowledged.put(JSON.readTree(created.body()).get("id").asText(), title);
            } catch (IOException e) {
                throw new AssertionError("a 201 without a todo: " + created.body(), e);
            }
        }
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            requests.add(new Request(method, path, started, System.nanoTime(), answer.statusCode(), null));
            return answer;
        } catch (IOException e) {
            requests.add(new Request(method, path, started, System.nanoTime(), -1, e.toString()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requests.add(new Request(method, path, started, System.nanoTime(), -1, e.toString()));
            return null;
        }
    }

    /** The ids of every todo acknowledged (201) so far. */
    public Set<String> acknowledgedIds() {
        return Set.copyOf(acknowledged.keySet());
    }

    /** The ids of every todo the API lists for this user, page by page (outside any load run). */
    public Set<String> storedIds() throws IOException, InterruptedException {
        Set<String> ids = new HashSet<>();
        for (int page = 1; ; page++) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/todos?size=500&page=" + page))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("listing page " + page + ": " + answer.statusCode() + " " + answer.body());
            }
            JsonNode todos = JSON.readTree(answer.body());
            todos.forEach(todo -> ids.add(todo.get("id").asText()));
            if (todos.size() < 500) {
                return ids;
            }
        }
    }
}
