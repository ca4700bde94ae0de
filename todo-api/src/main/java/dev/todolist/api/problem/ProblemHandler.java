package dev.todolist.api.problem;

import dev.todolist.problem.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one handler of the API's own exceptions and of every exception no framework handler claims.
 * A {@link ProblemException} carries its problem type, status and headers; an unreachable database
 * becomes a 503 the client may retry; anything else is a 500 whose details go to the log, never to
 * the client. The body is written by {@link ProblemErrorResponseProcessor}, like the framework's
 * own errors.
 */
@Singleton
class ProblemHandler implements ExceptionHandler<RuntimeException, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    private final ErrorResponseProcessor<?> processor;

    ProblemHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        MutableHttpResponse<?> response;
        if (exception instanceof ProblemException problem) {
            response = HttpResponse.status(HttpStatus.valueOf(problem.type().status()));
            problem.headers().forEach(response::header);
        } else if (DatabaseFailures.isUnavailable(exception)) {
            LOG.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getPath(), exception.toString());
            response = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
        } else {
            LOG.error("Unexpected error on {} {}", request.getMethod(), request.getPath(), exception);
            response = HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR);
        }
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), response);
    }
}
