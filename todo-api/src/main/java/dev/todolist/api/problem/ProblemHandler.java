package dev.todolist.api.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

/** Turns an exception into a problem response through the one {@link ProblemMapping}. */
abstract class ProblemHandler<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    ProblemHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    /** The status (and any header) the response starts from; {@link ProblemMapping} may refine it. */
    abstract MutableHttpResponse<?> response(E exception);

    @Override
    public HttpResponse<?> handle(HttpRequest request, E exception) {
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), response(exception));
    }
}
