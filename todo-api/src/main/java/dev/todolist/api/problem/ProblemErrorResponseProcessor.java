package dev.todolist.api.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Renders every error response of the service - Micronaut's own (unknown route, wrong method,
 * unsupported content type, malformed JSON, oversize body, bean validation) and the API's - as
 * {@code application/problem+json}, whatever the caller accepts. What each error means is decided
 * in one place, {@link ProblemMapping}.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    /** Seconds a client should wait before retrying when the service or its database is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;

    public static final MediaType APPLICATION_PROBLEM_JSON = MediaType.of("application/problem+json");

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Problem problem = ProblemMapping.problem(response.status(), context);
        MutableHttpResponse<Problem> problemResponse = response.status(problem.status()).body(problem);
        problemResponse.contentType(APPLICATION_PROBLEM_JSON);
        if (problem.status() == 503 && !problemResponse.getHeaders().contains("Retry-After")) {
            problemResponse.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        if (problem.status() == 401 && !problemResponse.getHeaders().contains("WWW-Authenticate")) {
            // RFC 6750: say which scheme a 401 wants.
            problemResponse.header("WWW-Authenticate", "Bearer realm=\"todolist\"");
        }
        return problemResponse;
    }
}
