package dev.todolist.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * The head of the OpenAPI document that micronaut-openapi writes at build time
 * ({@code META-INF/swagger/todolist.yml}, served at {@code /openapi/todolist.yml}, browsable at
 * {@code /swagger-ui/}). Its version is the build's ({@code todolist.version} is expanded from the
 * project version by a compiler argument in todo-api's pom), so the document always describes the
 * jar that serves it.
 */
@OpenAPIDefinition(info = @Info(
        title = "todolist",
        version = "${todolist.version}",
        description = "A TODO-list API compatible with the Todo-Backend specification, with filters, sorting, "
                + "paging, optimistic concurrency (ETag / If-Match) and RFC 9457 problem details for every error."))
final class ApiDocumentation {

    private ApiDocumentation() {
    }
}
