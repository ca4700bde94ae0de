package dev.todolist.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts alerting transitions to a Slack-compatible incoming webhook: a JSON body whose
 * {@code text} is the message (Slack, Mattermost, Rocket.Chat and most chat bridges accept it),
 * plus the transition's fields for receivers that read them. A failed delivery is logged and
 * never stops the monitor.
 */
final class WebhookNotifier {

    private final URI webhook;
    private final String stackName;
    private final ObjectMapper json;
    private final TransitionLog log;
    private final HttpClient http;
    private final Duration timeout;

    WebhookNotifier(URI webhook, String stackName, Duration timeout, ObjectMapper json, TransitionLog log) {
        this.webhook = webhook;
        this.stackName = stackName;
        this.json = json;
        this.log = log;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    void notify(Transition transition) {
        try {
            post(transition.service(), payload(transition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert", e);
        }
    }

    /** A restart, or a failure to restart, is posted: the operator must know the monitor touched the stack (or could not). */
    void notify(Healer.Attempt attempt) {
        try {
            post(attempt.service(), payload(attempt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an alert", e);
        }
    }

    private void post(String service, String payload) {
        try {
            HttpRequest request = HttpRequest.newBuilder(webhook)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                log.event("webhook_failed", "the webhook answered HTTP " + response.statusCode()
                        + " to the alert for " + service);
            }
        } catch (IOException e) {
            log.event("webhook_failed", "cannot reach the webhook for the alert on " + service + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String payload(Healer.Attempt attempt) throws JsonProcessingException {
        String text = (attempt.restarted() ? ":wrench: [" : ":warning: [") + stackName + "] " + attempt.service()
                + " was DOWN for " + attempt.downFor().toSeconds() + " s; healing: " + attempt.detail();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("stack", stackName);
        body.put("service", attempt.service());
        body.put("event", attempt.outcome().event());
        body.put("detail", attempt.detail());
        body.put("timestamp", attempt.at().toString());
        return json.writeValueAsString(body);
    }

    String payload(Transition transition) throws JsonProcessingException {
        String icon = transition.to() == ServiceState.DOWN ? ":red_circle:" : ":large_green_circle:";
        String text = icon + " [" + stackName + "] " + transition.service() + " is " + transition.to()
                + " (was " + transition.from() + "): " + transition.detail();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("stack", stackName);
        body.put("service", transition.service());
        body.put("from", transition.from().name());
        body.put("to", transition.to().name());
        body.put("detail", transition.detail());
        body.put("timestamp", transition.at().toString());
        return json.writeValueAsString(body);
    }
}
