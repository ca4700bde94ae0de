package dev.todolist.api.web;

import dev.todolist.api.StartRefusedException;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses to start when a CORS configuration would let any origin make credentialed calls: a page
 * on any site could then use a visitor's session cookie and read the answers. Micronaut allows
 * credentials by default, so any configuration that does not turn them off (one named by mistake,
 * or one that an environment variable such as {@code MICRONAUT_SERVER_CORS_CONFIGURATIONS_API_ALLOWED_ORIGINS}
 * creates when Micronaut splits its name every possible way) must list its origins.
 *
 * <p>The allowed origins are set with {@code TODOLIST_CORS_ALLOWED_ORIGINS} (comma-separated;
 * any origin when unset, without credentials).
 */
@Context
public class CrossOriginPolicy {

    /** Origins no honest list allows; a configuration that allows them allows anybody. */
    private static final List<String> PROBES = List.of("https://attacker.invalid", "null", "http://localhost:1");

    public CrossOriginPolicy(HttpServerConfiguration.CorsConfiguration cors) {
        if (!cors.isEnabled()) {
            return;
        }
        for (Map.Entry<String, CorsOriginConfiguration> entry : cors.getConfigurations().entrySet()) {
            CorsOriginConfiguration configuration = entry.getValue();
            if (configuration.isAllowCredentials() && allowsAnyOrigin(configuration)) {
                throw new StartRefusedException("the CORS configuration \"" + entry.getKey() + "\" would allow credentialed"
                        + " calls from any origin; list the origins in TODOLIST_CORS_ALLOWED_ORIGINS (and set no"
                        + " MICRONAUT_SERVER_CORS_* variables)");
            }
        }
    }

    private static boolean allowsAnyOrigin(CorsOriginConfiguration configuration) {
        List<String> origins = configuration.getAllowedOrigins();
        boolean anyListed = origins == null || origins.isEmpty() || origins.contains("*")
                || origins.equals(CorsOriginConfiguration.ANY);
        return configuration.getAllowedOriginsRegex()
                .map(regex -> PROBES.stream().anyMatch(Pattern.compile(regex).asPredicate()))
                .orElse(anyListed);
    }
}
