package dev.todolist.api.web;

import dev.todolist.problem.FieldViolation;
import dev.todolist.problem.InvalidFieldsException;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every API request must look like before a controller sees it.
 *
 * <ul>
 *   <li>A body comes with a {@code Content-Type}: without one, a POST is a CORS "simple" request
 *       that any page can make a visitor's browser send, so sign-up, sign-in and writes would be
 *       reachable cross-site. 415.</li>
 *   <li>A query parameter given is not empty ({@code ?page=} is a mistake, not "absent") and holds
 *       no NUL (MongoDB cannot take one in a search pattern) and no unpaired surrogate. 400 naming
 *       every such parameter.</li>
 * </ul>
 */
@ServerFilter("/api/**")
public class RequestShapeFilter implements Ordered {

    @RequestFilter
    public void checkShape(HttpRequest<?> request) {
        if (hasBody(request) && request.getContentType().isEmpty()) {
            throw new BodyWithoutContentTypeException();
        }
        List<FieldViolation> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
            for (String value : parameter.getValue()) {
                violation(parameter.getKey(), value).ifPresent(message ->
                        violations.add(new FieldViolation(parameter.getKey(), message)));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidFieldsException(violations);
        }
    }

    private static java.util.Optional<String> violation(String name, String value) {
        if (value.isEmpty()) {
            return java.util.Optional.of("must not be empty; leave the parameter out instead");
        }
        if (value.indexOf('\0') >= 0 || name.indexOf('\0') >= 0) {
            return java.util.Optional.of("must not contain a NUL character");
        }
        if (!UnicodeText.isWellFormed(value)) {
            return java.util.Optional.of("must be well-formed Unicode");
        }
        return java.util.Optional.empty();
    }

    private static boolean hasBody(HttpRequest<?> request) {
        return request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** After authentication, so that an anonymous caller learns nothing but 401 from a malformed request. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
