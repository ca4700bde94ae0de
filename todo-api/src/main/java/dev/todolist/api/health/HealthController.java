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
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /health}: the plan's full check, for load balancers, the compose healthcheck and
 * monitors. 200 when the database answers, 503 (same body, {@code status: ERROR}) when not.
 *
 * <p>The Kubernetes-style probes of micronaut-management live under {@code /management/health}
 * so that this path keeps the plan's shape.
 */
@Controller("/health")
public class HealthController {

    private final DatabasePing databasePing;
    private final String environment;
    private final Clock clock;

    public HealthController(DatabasePing databasePing,
                            @Value("${todolist.environment:development}") String environment) {
        this.databasePing = databasePing;
        this.environment = environment;
        this.clock = Clock.systemUTC();
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<HealthReport> health() {
        boolean connected = databasePing.isConnected();
        HealthReport report = new HealthReport(
                connected ? HealthReport.OK : HealthReport.ERROR,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                environment,
                connected ? HealthReport.CONNECTED : HealthReport.DISCONNECTED,
                MemoryFigures.current(),
                ProcessHandle.current().pid());
        return HttpResponse.status(connected ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .header("Cache-Control", "no-store")
                .body(report);
    }
}
