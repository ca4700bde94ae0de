package dev.todolist.api.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Serves the OpenAPI document ({@code /openapi/todolist.yml}, a static resource) as
 * {@code application/yaml} (RFC 9512). Micronaut's static resources know no type for {@code .yml}
 * and answer {@code text/plain}, which tools that pick a parser by the media type do not take for
 * an OpenAPI document.
 */
@ServerFilter("/openapi/**")
public class OpenApiDocumentType {

    static final String APPLICATION_YAML = "application/yaml";

    @ResponseFilter
    public void yamlType(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String path = request.getPath();
        if (response.code() == 200 && (path.endsWith(".yml") || path.endsWith(".yaml"))) {
            response.getHeaders().set(HttpHeaders.CONTENT_TYPE, APPLICATION_YAML);
        }
    }
}
