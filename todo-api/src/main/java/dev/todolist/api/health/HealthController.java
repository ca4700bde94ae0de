package dev.todolist.api.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /health}: the plan's full check, for load balancers, the compose healthcheck and
 * monitors. 200 when the database answers, 503 (same body, {@code status: ERROR}) when not, and
 * from the moment the instance begins to stop ({@link ShutdownDrain}), so that a balancer polling
 * it sends new requests elsewhere.
 *
 * <p>The Kubernetes-style probes of micronaut-management live under {@code /management/health}
 * so that this path keeps the plan's shape.
 */
@Controller("/health")
public class HealthController {

    private final DatabasePing databasePing;
    private final ShutdownDrain shutdown;
    private final String environment;

    public HealthController(DatabasePing databasePing, ShutdownDrain shutdown,
                            @Value("${todolist.environment:development}") String environment) {
        this.databasePing = databasePing;
        this.shutdown = shutdown;
        this.environment = environment;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<HealthReport> health() {
        boolean connected = databasePing.isConnected();
        boolean healthy = connected && !shutdown.isDraining();
        HealthReport report = new HealthReport(
                healthy ? HealthReport.OK : HealthReport.ERROR,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                environment,
                connected ? HealthReport.CONNECTED : HealthReport.DISCONNECTED,
                MemoryFigures.current(),
                ProcessHandle.current().pid());
        return HttpResponse.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .header("Cache-Control", "no-store")
                .body(report);
    }
}
