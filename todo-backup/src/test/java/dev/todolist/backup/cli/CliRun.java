package dev.todolist.backup.cli;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.todolist.testing.MongoFixture;
import org.bson.Document;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.StringWriter;
import java.util.Map;
import java.util.stream.Stream;

/** One run of the command line as a script sees it: exit code, stdout, stderr. */
record CliRun(int exitCode, String out, String err) {

    /** Shared by every test of the class loader, as the job's own tests share theirs; closed with the JVM. */
    private static MongoClient client;

    /** A fresh database holding one todo of each title (one titled "one" if none are given). */
    static synchronized MongoDatabase seeded(String prefix, String... titles) {
        if (client == null) {
            client = MongoClients.create(MongoFixture.connectionString());
        }
        MongoDatabase database = client.getDatabase(MongoFixture.uniqueDatabase(prefix));
        database.getCollection("todos").insertMany(Stream.of(titles.length == 0 ? new String[] {"one"} : titles)
                .map(title -> new Document("title", title)).toList());
        return database;
    }

    /** The job's whole configuration: the database and the backup directory. */
    static Map<String, String> environment(MongoDatabase database, Path directory) {
        return Map.of("MONGODB_URI", MongoFixture.uri(database.getName()), "BACKUP_DIR", directory.toString());
    }

    /** A run against the database with the backup directory, as the job runs in the stack. */
    static CliRun of(MongoDatabase database, Path directory, String... args) {
        return of(environment(database, directory), args);
    }

    /** A run that needs no database (list, verify, prune): only BACKUP_DIR is set. */
    static CliRun of(Path directory, String... args) {
        return of(Map.of("BACKUP_DIR", directory.toString()), args);
    }

    static CliRun of(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BackupCli.execute(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** stderr is exactly one line. */
    boolean oneErrorLine() {
        return err.endsWith(System.lineSeparator()) && err.strip().lines().count() == 1;
    }
}
