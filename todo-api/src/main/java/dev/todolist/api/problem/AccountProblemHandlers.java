package dev.todolist.api.problem;

import dev.todolist.account.AccessTokenNotFoundException;
import dev.todolist.account.AccountValidationException;
import dev.todolist.account.InvalidCredentialsException;
import dev.todolist.api.account.ThrottledException;
import dev.todolist.api.account.WrongPasswordException;
import dev.todolist.api.security.CsrfTokenMismatchException;
import dev.todolist.api.security.SessionRequiredException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** The statuses of the account rules' and the security layer's exceptions. */
final class AccountProblemHandlers {

    private AccountProblemHandlers() {
    }

    @Singleton
    static class Invalid extends ProblemHandler<AccountValidationException> {
        Invalid(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(AccountValidationException exception) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST);
        }
    }

    @Singleton
    static class InvalidCredentials extends ProblemHandler<InvalidCredentialsException> {
        InvalidCredentials(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(InvalidCredentialsException exception) {
            return HttpResponse.status(HttpStatus.UNAUTHORIZED);
        }
    }

    @Singleton
    static class WrongPassword extends ProblemHandler<WrongPasswordException> {
        WrongPassword(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(WrongPasswordException exception) {
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
    }

    @Singleton
    static class SessionRequired extends ProblemHandler<SessionRequiredException> {
        SessionRequired(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(SessionRequiredException exception) {
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
    }

    @Singleton
    static class CsrfMismatch extends ProblemHandler<CsrfTokenMismatchException> {
        CsrfMismatch(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(CsrfTokenMismatchException exception) {
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
    }

    @Singleton
    static class Throttled extends ProblemHandler<ThrottledException> {
        Throttled(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(ThrottledException exception) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()));
        }
    }

    @Singleton
    static class AccessTokenNotFound extends ProblemHandler<AccessTokenNotFoundException> {
        AccessTokenNotFound(ErrorResponseProcessor<?> processor) {
            super(processor);
        }

        @Override
        MutableHttpResponse<?> response(AccessTokenNotFoundException exception) {
            return HttpResponse.status(HttpStatus.NOT_FOUND);
        }
    }
}
