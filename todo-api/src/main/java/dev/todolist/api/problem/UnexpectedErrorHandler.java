package dev.todolist.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every exception no more specific handler claims: an unreachable database becomes a 503 the
 * client may retry; anything else is a 500 whose details go to the log, never to the client.
 */
@Singleton
class UnexpectedErrorHandler extends ProblemHandler<RuntimeException> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    UnexpectedErrorHandler(ErrorResponseProcessor<?> processor) {
        super(processor);
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
        if (DatabaseFailures.isUnavailable(exception)) {
            LOG.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getPath(), exception.toString());
        } else {
            LOG.error("Unexpected error on {} {}", request.getMethod(), request.getPath(), exception);
        }
        return super.handle(request, exception);
    }

    @Override
    MutableHttpResponse<?> response(RuntimeException exception) {
        return HttpResponse.status(DatabaseFailures.isUnavailable(exception)
                ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
