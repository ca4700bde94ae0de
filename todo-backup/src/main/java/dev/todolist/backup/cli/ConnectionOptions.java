package dev.todolist.backup.cli;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import picocli.CommandLine.Option;

import java.util.concurrent.TimeUnit;

/** Where the database is: {@code --uri} (MONGODB_URI) and {@code --database} (BACKUP_DATABASE). */
final class ConnectionOptions {

    static final String DEFAULT_DATABASE = "todolist";

    @Option(names = "--uri", paramLabel = "URI", defaultValue = "mongodb://localhost:27017/todolist",
            description = "MongoDB connection string (env MONGODB_URI; default: ${DEFAULT-VALUE}).")
    String uri;

    @Option(names = "--database", paramLabel = "NAME",
            description = "Database to back up or restore into (env BACKUP_DATABASE; default: the URI's, else todolist).")
    String database;

    ConnectionString connectionString() {
        try {
            return new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            // The driver's message repeats the URI, password included: never print it.
            throw new IllegalArgumentException("MONGODB_URI / --uri is not a valid MongoDB connection string");
        }
    }

    String databaseName() {
        if (database != null && !database.isBlank()) {
            return database;
        }
        String fromUri = connectionString().getDatabase();
        return fromUri == null || fromUri.isBlank() ? DEFAULT_DATABASE : fromUri;
    }

    MongoClient connect() {
        ConnectionString connectionString = connectionString();
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connectionString)
                .applicationName("todolist-backup");
        if (connectionString.getServerSelectionTimeout() == null) {
            // The driver waits 30 s for an unreachable server; a job that fails should say so sooner.
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(15, TimeUnit.SECONDS));
        }
        return MongoClients.create(settings.build());
    }
}
