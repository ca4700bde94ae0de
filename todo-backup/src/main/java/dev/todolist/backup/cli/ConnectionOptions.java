package dev.todolist.backup.cli;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadPreference;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import picocli.CommandLine.Option;

import java.util.concurrent.TimeUnit;

/** Where the database is: {@code --uri} (MONGODB_URI) and {@code --database} (BACKUP_DATABASE). */
final class ConnectionOptions {

    static final String DEFAULT_DATABASE = "todolist";
    /** The smallest staleness bound MongoDB accepts: a secondary further behind is not used. */
    static final long MAX_STALENESS_SECONDS = 90;

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

    /**
     * A client for a backup: its dump reads from a secondary when one is healthy (lags the primary by
     * under {@value #MAX_STALENESS_SECONDS} s), sparing the primary the full scan, and from the primary
     * otherwise. A {@code readPreference} written in the URI wins.
     */
    MongoClient connectForDump() {
        return MongoClients.create(settings(dumpReadPreference()));
    }

    /**
     * A client for a restore: it reads and writes on the primary, whatever the URI says, so that
     * its safety backup is the latest state and its checks see its own writes.
     */
    MongoClient connectForRestore() {
        return MongoClients.create(settings(ReadPreference.primary()));
    }

    ReadPreference dumpReadPreference() {
        ReadPreference fromUri = connectionString().getReadPreference();
        return fromUri != null ? fromUri : ReadPreference.secondaryPreferred(MAX_STALENESS_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The URI's options, with the job's defaults where it sets none: writes acknowledged by a majority
     * (a restore must survive a failover), retryable writes (the driver's default), and a server
     * selection that gives up after 15 s rather than the driver's 30.
     */
    MongoClientSettings settings(ReadPreference readPreference) {
        ConnectionString connectionString = connectionString();
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connectionString)
                .applicationName("todolist-backup")
                .readPreference(readPreference);
        if (connectionString.getWriteConcern() == null) {
            settings.writeConcern(WriteConcern.MAJORITY);
        }
        if (connectionString.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(15, TimeUnit.SECONDS));
        }
        return settings.build();
    }
}
