package dev.todolist.api.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code GET /metrics} in the Prometheus text exposition format, at the path the plan names
 * (micronaut-management would serve it at {@code /management/prometheus}), on the management
 * listener only ({@code todolist.management.port}, see application.yml): the main port answers
 * 404 for it, so metrics are never public by accident.
 */
@Controller(value = "/metrics", port = "${todolist.management.port}")
public class MetricsController {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(produces = PROMETHEUS_TEXT)
    @Header(name = "Cache-Control", value = "no-store")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public String scrape() {
        return registry.scrape();
    }
}
