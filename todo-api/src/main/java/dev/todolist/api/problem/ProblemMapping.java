package dev.todolist.api.problem;

import dev.todolist.problem.FieldViolation;
import dev.todolist.problem.InvalidFieldsException;
import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.json.JsonSyntaxException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping from an error (a status Micronaut chose and/or the exception behind it) to a
 * problem document. The API's own exceptions ({@link ProblemException}) say their type and detail
 * themselves; the rest of this class is the table of the framework's errors (Bean Validation,
 * unreadable bodies, and the statuses Micronaut answers on its own). Details never carry a stack
 * trace or an internal message: they are written here, from what the client sent.
 */
final class ProblemMapping {

    /** Serde names the property that could not be read: "Error decoding property [String title] of type ...". */
    private static final Pattern DECODED_PROPERTY = Pattern.compile("property \\[(?:[\\w.<>?, \\[\\]]+ )?(\\w+)]");

    private ProblemMapping() {
    }

    static Problem problem(HttpStatus status, ErrorContext context) {
        Throwable cause = context.getRootCause().orElse(null);
        String instance = context.getRequest().getPath();
        if (cause instanceof ConstraintViolationException violations) {
            // Bean Validation of query parameters: the same problem as invalid fields in a body.
            cause = new InvalidFieldsException(fieldViolations(violations));
        }
        if (cause instanceof ProblemException problem) {
            return of(problem.type(), problem.detail(instance), instance, problem.violations());
        }
        if (DatabaseFailures.isUnavailable(cause)) {
            return of(ProblemType.DATABASE_UNAVAILABLE, "The database does not answer; retry in a few seconds.",
                    instance, null);
        }
        if (status == HttpStatus.BAD_REQUEST) {
            return badRequest(cause, context, instance);
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            return tooLong(context.getRequest(), instance);
        }
        return byStatus(status, instance);
    }

    private static Problem badRequest(Throwable cause, ErrorContext context, String instance) {
        if (cause instanceof JsonSyntaxException || hasCause(cause, "com.fasterxml.jackson.core.JsonParseException")) {
            return of(ProblemType.MALFORMED_JSON, "The body could not be parsed as JSON.", instance, null);
        }
        if (cause instanceof ConversionErrorException conversion && conversion.getArgument() != null
                && !"body".equals(conversion.getArgument().getName())) {
            String name = conversion.getArgument().getName();
            return of(ProblemType.VALIDATION, "Some parameters are invalid.", instance,
                    List.of(new FieldViolation(name, "has an invalid value")));
        }
        Optional<String> property = decodedProperty(cause);
        if (property.isPresent()) {
            return of(ProblemType.UNREADABLE_BODY, "The body is JSON but not a todo.", instance,
                    List.of(new FieldViolation(property.get(), "has the wrong JSON type")));
        }
        if (cause != null && isDecodingError(cause)) {
            return of(ProblemType.UNREADABLE_BODY, "The body is JSON but not a todo.", instance, null);
        }
        String detail = context.getErrors().isEmpty() ? null : "The request is missing a required part or has an invalid one.";
        return of(ProblemType.BAD_REQUEST, detail, instance, null);
    }

    /**
     * Micronaut answers 413 for anything Netty's decoder found too long; which part it was is in the
     * decoder's result: the request line (414) or the headers (431), else the body (413).
     */
    private static Problem tooLong(io.micronaut.http.HttpRequest<?> request, String instance) {
        Throwable failure = request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()
                ? netty.getNativeRequest().decoderResult().cause() : null;
        if (failure instanceof TooLongHttpLineException) {
            return of(ProblemType.URI_TOO_LONG, "The request line exceeds the configured limit; shorten the query.",
                    instance, null);
        }
        if (failure instanceof TooLongHttpHeaderException) {
            return of(ProblemType.HEADERS_TOO_LARGE, "The request headers exceed the configured limit.", instance, null);
        }
        return byStatus(HttpStatus.REQUEST_ENTITY_TOO_LARGE, instance);
    }

    private static Problem byStatus(HttpStatus status, String instance) {
        return switch (status) {
            case UNAUTHORIZED -> of(ProblemType.UNAUTHENTICATED, "Send Authorization: Bearer <token> (from POST"
                    + " /api/v1/sessions or a personal access token), or the session cookie. A missing, malformed,"
                    + " expired, revoked or wrongly signed token is refused alike.", instance, null);
            case FORBIDDEN -> of(ProblemType.FORBIDDEN, null, instance, null);
            case NOT_FOUND -> of(ProblemType.NOT_FOUND, "Nothing is at " + instance + ".", instance, null);
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> of(ProblemType.HEADERS_TOO_LARGE, null, instance, null);
            case METHOD_NOT_ALLOWED -> of(ProblemType.METHOD_NOT_ALLOWED,
                    "See the Allow header for the methods this resource supports.", instance, null);
            case NOT_ACCEPTABLE -> of(ProblemType.NOT_ACCEPTABLE, "This resource is served as JSON.", instance, null);
            case REQUEST_ENTITY_TOO_LARGE -> of(ProblemType.PAYLOAD_TOO_LARGE,
                    "The body exceeds the configured limit.", instance, null);
            case UNSUPPORTED_MEDIA_TYPE -> of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send application/json (or application/merge-patch+json for PATCH).", instance, null);
            case SERVICE_UNAVAILABLE -> of(ProblemType.SERVICE_UNAVAILABLE, null, instance, null);
            default -> status.getCode() >= 500
                    ? of(ProblemType.INTERNAL, "The error was logged.", instance, null)
                    : new Problem(ProblemType.CLIENT_ERROR.uri(), status.getReason(), status.getCode(), null, instance, null);
        };
    }

    private static Problem of(ProblemType type, String detail, String instance, List<FieldViolation> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    private static List<FieldViolation> fieldViolations(ConstraintViolationException exception) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            violations.add(FieldViolations.of(violation));
        }
        violations.sort(Comparator.comparing(FieldViolation::field).thenComparing(FieldViolation::message));
        return violations;
    }

    private static Optional<String> decodedProperty(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && isDecodingError(t)) {
                Matcher matcher = DECODED_PROPERTY.matcher(t.getMessage());
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isDecodingError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.startsWith("io.micronaut.serde.") || name.startsWith("com.fasterxml.jackson.")
                    || t instanceof ConversionErrorException) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable cause, String className) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}
