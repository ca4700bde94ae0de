package dev.todolist.api.problem;

import dev.todolist.api.todo.EntityTags;
import dev.todolist.api.todo.PreconditionRequiredException;
import dev.todolist.todo.TodoConflictException;
import dev.todolist.todo.TodoNotFoundException;
import dev.todolist.todo.TodoPreconditionFailedException;
import dev.todolist.todo.TodoValidationException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The statuses of the todo rules' exceptions. */
final class TodoProblemHandlers {

    private TodoProblemHandlers() {
    }

    @Singleton
    static class NotFound extends ProblemHandler<TodoNotFoundException> {
        NotFound(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(TodoNotFoundException exception) {
            return HttpResponse.status(HttpStatus.NOT_FOUND);
        }
    }

    @Singleton
    static class Invalid extends ProblemHandler<TodoValidationException> {
        Invalid(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(TodoValidationException exception) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST);
        }
    }

    @Singleton
    static class PreconditionFailed extends ProblemHandler<TodoPreconditionFailedException> {
        PreconditionFailed(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        /** The current ETag lets a client that lost the race see which version won. */
        @Override
        MutableHttpResponse<?> response(TodoPreconditionFailedException exception) {
            return HttpResponse.status(HttpStatus.PRECONDITION_FAILED)
                    .header(HttpHeaders.ETAG, EntityTags.of(exception.currentVersion()));
        }
    }

    @Singleton
    static class Conflict extends ProblemHandler<TodoConflictException> {
        Conflict(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(TodoConflictException exception) {
            return HttpResponse.status(HttpStatus.CONFLICT);
        }
    }

    @Singleton
    static class PreconditionRequired extends ProblemHandler<PreconditionRequiredException> {
        PreconditionRequired(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(PreconditionRequiredException exception) {
            return HttpResponse.status(HttpStatus.PRECONDITION_REQUIRED);
        }
    }
}
