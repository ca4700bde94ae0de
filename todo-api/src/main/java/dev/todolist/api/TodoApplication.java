package dev.todolist.api;

import dev.todolist.persistence.EmbeddedMongoServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

public final class TodoApplication {

    private static final Logger LOG = LoggerFactory.getLogger(TodoApplication.class);

    private TodoApplication() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String mongoUri = env.get("MONGODB_URI");
        EmbeddedMongoServer embedded = null;
        if (mongoUri == null || mongoUri.isBlank()) {
            Path dataDir = Path.of(env.getOrDefault("TODO_DATA_DIR", "data"));
            embedded = EmbeddedMongoServer.persistent(dataDir, "127.0.0.1", 0);
            mongoUri = embedded.connectionString() + "/todolist";
            LOG.warn("No MONGODB_URI: using the embedded evaluation database in {}", embedded.storeFile());
        }
        ApplicationContext context = Micronaut.build(args)
                .mainClass(TodoApplication.class)
                .properties(Map.of("mongodb.uri", mongoUri))
                .start();
        EmbeddedMongoServer toClose = embedded;
        if (toClose != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.close();
                toClose.close();
            }));
        }
    }
}
