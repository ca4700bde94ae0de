package dev.todolist.api.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The first step of stopping: readiness (and {@code /health}) turn false while the listeners still
 * serve, so that a load balancer polling them stops sending new requests before the server closes
 * its listener; then, when {@link ShutdownSettings#drainDelay()} is set, it waits that long for the
 * balancer to notice. Graceful shutdown (in-flight requests finish) follows.
 */
@Singleton
@Readiness
public class ShutdownDrain extends AbstractHealthIndicator<Map<String, String>> {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);

    private final ShutdownSettings settings;
    private volatile boolean draining;

    public ShutdownDrain(ShutdownSettings settings) {
        this.settings = settings;
    }

    /** Reports not ready from now on, then waits the drain delay. */
    public void drain() {
        draining = true;
        if (settings.drainDelay().isZero() || settings.drainDelay().isNegative()) {
            return;
        }
        LOG.info("Readiness is down; serving {} more before the listener closes", settings.drainDelay());
        try {
            Thread.sleep(settings.drainDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isDraining() {
        return draining;
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        healthStatus = draining ? HealthStatus.DOWN : HealthStatus.UP;
        return Map.of("state", draining ? "stopping" : "serving");
    }

    @Override
    public String getName() {
        return "shutdown";
    }
}
