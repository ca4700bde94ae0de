package dev.todolist.api.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Readiness includes the database: an instance that cannot reach MongoDB should get no traffic,
 * but it is still alive (liveness does not include this), so an orchestrator waits instead of
 * restarting it in a loop while the database is away.
 */
@Singleton
@Readiness
@Requires(beans = DatabasePing.class)
public class DatabaseReadinessIndicator extends AbstractHealthIndicator<Map<String, String>> {

    private final DatabasePing databasePing;

    public DatabaseReadinessIndicator(DatabasePing databasePing) {
        this.databasePing = databasePing;
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        boolean connected = databasePing.isConnected();
        healthStatus = connected ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("database", connected ? HealthReport.CONNECTED : HealthReport.DISCONNECTED);
    }

    @Override
    public String getName() {
        return "mongodb";
    }
}
