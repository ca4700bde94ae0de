package dev.todolist.api.web;

import dev.todolist.problem.ProblemException;
import dev.todolist.problem.ProblemType;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * The management listener ({@code MANAGEMENT_PORT}) serves the probes and {@code /metrics} and
 * nothing else. Micronaut serves static resources (the OpenAPI document, the Swagger UI) on every
 * listener, so without this they would be reachable wherever the probes are, typically from the
 * whole internal network. When the probes share the main port ({@code TODOLIST_MANAGEMENT_ON_MAIN_PORT})
 * there is nothing to separate.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ManagementListenerFilter implements Ordered {

    private final int managementPort;
    private final int mainPort;

    public ManagementListenerFilter(@Value("${todolist.management.port}") int managementPort,
                                    @Value("${micronaut.server.port:-1}") int mainPort) {
        this.managementPort = managementPort;
        this.mainPort = mainPort;
    }

    @RequestFilter
    public void onlyProbesAndMetrics(HttpRequest<?> request) {
        if (managementPort == mainPort || request.getServerAddress().getPort() != managementPort) {
            return;
        }
        String path = request.getPath();
        if (!path.equals("/metrics") && !path.startsWith("/management/health/")) {
            throw new NotServedHereException();
        }
    }

    /** Before security: nothing else of the service is reachable here, authenticated or not. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    /** A path the management listener does not serve: as unknown as any other. */
    static final class NotServedHereException extends ProblemException {

        NotServedHereException() {
            super(ProblemType.NOT_FOUND, "not served on the management listener", null);
        }

        @Override
        public String detail(String instance) {
            return "Nothing is at " + instance + ".";
        }
    }
}
