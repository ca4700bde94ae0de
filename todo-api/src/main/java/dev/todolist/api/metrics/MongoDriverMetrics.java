package dev.todolist.api.metrics;

import com.mongodb.event.CommandListener;
import com.mongodb.event.ConnectionPoolListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsConnectionPoolListener;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * Instruments the MongoDB driver. micronaut-mongo-sync adds every {@link ConnectionPoolListener}
 * and {@link CommandListener} bean to the client's settings, so declaring them is enough:
 * {@code mongodb_driver_pool_checkedout} (connections in use), {@code mongodb_driver_pool_size},
 * {@code mongodb_driver_pool_waitqueuesize} and the {@code mongodb_driver_commands} timer.
 */
@Factory
@Requires(bean = MeterRegistry.class)
class MongoDriverMetrics {

    @Singleton
    ConnectionPoolListener connectionPoolMetrics(MeterRegistry registry) {
        return new MongoMetricsConnectionPoolListener(registry);
    }

    @Singleton
    CommandListener commandMetrics(MeterRegistry registry) {
        return new MongoMetricsCommandListener(registry);
    }
}
