package dev.todolist.status;

import java.util.Objects;

/**
 * What a status endpoint answers to a GET: its status code, content type and body (sent as UTF-8).
 * Made afresh for each request, so the code can follow the state it reports (503 while unhealthy).
 */
public record StatusResponse(int status, String contentType, String body) {

    public StatusResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code (100-599), was " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public static StatusResponse json(int status, String body) {
        return new StatusResponse(status, "application/json", body);
    }
}
