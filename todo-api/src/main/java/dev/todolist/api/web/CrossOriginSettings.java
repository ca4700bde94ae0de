package dev.todolist.api.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsOriginConfiguration;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The origins whose pages may call the API from a browser ({@code TODOLIST_CORS_ALLOWED_ORIGINS},
 * comma-separated, e.g. {@code https://todo.example,https://admin.example}). Unset: any origin, as
 * Todo-Backend's browser clients need; credentials are off either way (application.yml).
 *
 * @param allowedOrigins exact origins (scheme, host and port); empty or unset for any
 */
@ConfigurationProperties("todolist.cors")
public record CrossOriginSettings(@Nullable List<String> allowedOrigins) {

    /** The name of the API's CORS configuration in application.yml. */
    static final String CONFIGURATION = "api";

    /**
     * Puts the listed origins into Micronaut's CORS configuration as it is created. (A placeholder in
     * application.yml cannot say "any": Micronaut recognises any origin only by its own constant, not
     * by a list holding {@code *}.)
     */
    @Singleton
    static class Applier implements BeanCreatedEventListener<HttpServerConfiguration.CorsConfiguration> {

        private final CrossOriginSettings settings;

        Applier(CrossOriginSettings settings) {
            this.settings = settings;
        }

        @Override
        public HttpServerConfiguration.CorsConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration.CorsConfiguration> event) {
            HttpServerConfiguration.CorsConfiguration cors = event.getBean();
            List<String> origins = settings.allowedOrigins() == null ? List.of()
                    : settings.allowedOrigins().stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
            CorsOriginConfiguration api = cors.getConfigurations().get(CONFIGURATION);
            if (!origins.isEmpty() && api != null) {
                api.setAllowedOrigins(origins);
            }
            return cors;
        }
    }
}
