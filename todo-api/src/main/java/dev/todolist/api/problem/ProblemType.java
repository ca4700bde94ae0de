package dev.todolist.api.problem;

import io.micronaut.http.HttpStatus;

/**
 * Every kind of error the API reports, with its stable {@code type} URI
 * ({@code https://todolist.dev/problems/<slug>}), title and status. Clients branch on the type;
 * the detail text is for people and may change.
 */
public enum ProblemType {
    VALIDATION("validation", "The request has invalid fields", HttpStatus.BAD_REQUEST),
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON", HttpStatus.BAD_REQUEST),
    UNREADABLE_BODY("unreadable-body", "The request body does not have the expected shape", HttpStatus.BAD_REQUEST),
    BAD_REQUEST("bad-request", "The request is not valid", HttpStatus.BAD_REQUEST),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", HttpStatus.UNAUTHORIZED),
    INVALID_CREDENTIALS("invalid-credentials", "The email or the password is wrong", HttpStatus.UNAUTHORIZED),
    WRONG_PASSWORD("wrong-password", "The password is wrong", HttpStatus.FORBIDDEN),
    SESSION_REQUIRED("session-required", "This needs a signed-in session, not an access token", HttpStatus.FORBIDDEN),
    CSRF_TOKEN_MISMATCH("csrf-token-mismatch", "The CSRF token is missing or wrong", HttpStatus.FORBIDDEN),
    FORBIDDEN("forbidden", "Not allowed", HttpStatus.FORBIDDEN),
    NOT_FOUND("not-found", "No such resource", HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED("method-not-allowed", "This method is not allowed on this resource", HttpStatus.METHOD_NOT_ALLOWED),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", HttpStatus.NOT_ACCEPTABLE),
    CONFLICT("conflict", "The resource kept changing under concurrent writers", HttpStatus.CONFLICT),
    PRECONDITION_FAILED("precondition-failed", "The resource has changed since it was read", HttpStatus.PRECONDITION_FAILED),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    PRECONDITION_REQUIRED("precondition-required", "This request needs an If-Match header", HttpStatus.PRECONDITION_REQUIRED),
    TOO_MANY_REQUESTS("too-many-requests", "Too many attempts; wait before retrying", HttpStatus.TOO_MANY_REQUESTS),
    HEADERS_TOO_LARGE("headers-too-large", "The request headers are too large", HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE),
    DATABASE_UNAVAILABLE("database-unavailable", "The database is unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    SERVICE_UNAVAILABLE("service-unavailable", "The service is unavailable", HttpStatus.SERVICE_UNAVAILABLE),
    CLIENT_ERROR("client-error", "The request cannot be served", HttpStatus.BAD_REQUEST),
    INTERNAL("internal", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR);

    private static final String BASE = "https://todolist.dev/problems/";

    private final String slug;
    private final String title;
    private final HttpStatus status;

    ProblemType(String slug, String title, HttpStatus status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }
}
