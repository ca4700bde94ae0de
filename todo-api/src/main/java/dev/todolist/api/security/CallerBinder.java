package dev.todolist.api.security;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Lets a route take its {@link Caller} as a parameter: the one place where a request's
 * authentication becomes the caller the controllers work with. Unbound until the security filter
 * has authenticated the request, as Micronaut Security's own {@code Authentication} binder.
 */
@Singleton
final class CallerBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Optional<Caller> caller = request.getUserPrincipal(Authentication.class).map(Caller::of);
        return caller.isPresent() ? () -> caller : BindingResult.unsatisfied();
    }
}
