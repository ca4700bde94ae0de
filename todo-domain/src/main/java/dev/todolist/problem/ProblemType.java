package dev.todolist.problem;

/**
 * Every kind of error the API reports, with its stable {@code type} URI
 * ({@code https://todolist.dev/problems/<slug>}), title and HTTP status. Clients branch on the type;
 * the detail text is for people and may change. The table in {@code docs/api.md} is checked
 * against this enum by a test.
 */
public enum ProblemType {
    VALIDATION("validation", "The request has invalid fields", 400),
    MALFORMED_JSON("malformed-json", "The request body is not valid JSON", 400),
    UNREADABLE_BODY("unreadable-body", "The request body does not have the expected shape", 400),
    BAD_REQUEST("bad-request", "The request is not valid", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication is required", 401),
    INVALID_CREDENTIALS("invalid-credentials", "The email or the password is wrong", 401),
    WRONG_PASSWORD("wrong-password", "The password is wrong", 403),
    SESSION_REQUIRED("session-required", "This needs a signed-in session, not an access token", 403),
    CSRF_TOKEN_MISMATCH("csrf-token-mismatch", "The CSRF token is missing or wrong", 403),
    FORBIDDEN("forbidden", "Not allowed", 403),
    NOT_FOUND("not-found", "No such resource", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "This method is not allowed on this resource", 405),
    NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
    CONFLICT("conflict", "The resource kept changing under concurrent writers", 409),
    TODO_LIMIT_REACHED("todo-limit-reached", "The account holds as many todos as it may", 409),
    PRECONDITION_FAILED("precondition-failed", "The resource has changed since it was read", 412),
    PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
    URI_TOO_LONG("uri-too-long", "The request line is too long", 414),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", 415),
    PRECONDITION_REQUIRED("precondition-required", "This request needs an If-Match header", 428),
    TOO_MANY_REQUESTS("too-many-requests", "Too many attempts; wait before retrying", 429),
    HEADERS_TOO_LARGE("headers-too-large", "The request headers are too large", 431),
    DATABASE_UNAVAILABLE("database-unavailable", "The database is unavailable", 503),
    SERVICE_UNAVAILABLE("service-unavailable", "The service is unavailable", 503),
    /** Any other 4xx the framework answers: its status and reason phrase are kept, this type is given. */
    CLIENT_ERROR("client-error", "The request cannot be served", 400),
    INTERNAL("internal", "Internal error", 500);

    private static final String BASE = "https://todolist.dev/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
