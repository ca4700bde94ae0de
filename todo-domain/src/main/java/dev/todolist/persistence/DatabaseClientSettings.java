package dev.todolist.persistence;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import io.micronaut.configuration.mongo.core.DefaultMongoConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.concurrent.TimeUnit;

/**
 * Applies {@link DatabaseSettings} to the driver settings Micronaut builds from {@code mongodb.uri},
 * except where the URI sets an option itself (e.g. {@code ?w=1&maxPoolSize=50}).
 */
@Singleton
class DatabaseClientSettings implements BeanCreatedEventListener<MongoClientSettings> {

    private final DatabaseSettings settings;
    private final DefaultMongoConfiguration configuration;

    DatabaseClientSettings(DatabaseSettings settings, DefaultMongoConfiguration configuration) {
        this.settings = settings;
        this.configuration = configuration;
    }

    @Override
    public MongoClientSettings onCreated(BeanCreatedEvent<MongoClientSettings> event) {
        ConnectionString uri = configuration.getConnectionString().orElse(null);
        MongoClientSettings.Builder builder = MongoClientSettings.builder(event.getBean());
        if (uri == null || uri.getWriteConcern() == null) {
            builder.writeConcern(writeConcern().withJournal(settings.journal()));
        }
        builder.applyToConnectionPoolSettings(pool -> {
            if (uri == null || uri.getMaxConnectionPoolSize() == null) {
                pool.maxSize(settings.maxPoolSize());
            }
            if (uri == null || uri.getMaxWaitTime() == null) {
                pool.maxWaitTime(settings.maxWaitTime().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        builder.applyToClusterSettings(cluster -> {
            if (uri == null || uri.getServerSelectionTimeout() == null) {
                cluster.serverSelectionTimeout(settings.serverSelectionTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        builder.applyToSocketSettings(socket -> {
            if (uri == null || uri.getConnectTimeout() == null) {
                socket.connectTimeout((int) settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (uri == null || uri.getSocketTimeout() == null) {
                socket.readTimeout((int) settings.socketTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        return builder.build();
    }

    private WriteConcern writeConcern() {
        String w = settings.writeConcern().strip();
        return w.chars().allMatch(Character::isDigit) ? new WriteConcern(Integer.parseInt(w)) : new WriteConcern(w);
    }
}
