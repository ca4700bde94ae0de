package dev.todolist.infra.stack;

import dev.todolist.embedded.EmbeddedMongoServer;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The stand-in for {@code mongo:7} in the stack proof, on machines where no MongoDB image can be
 * had: todo-domain's MongoDB-wire server (mongo-java-server with sessions, H2 store in one file
 * under the data directory), so that a stop and a start of the stack keep the data as MongoDB's
 * bind-mounted {@code /data/db} does. It has no authentication: the local override's MONGODB_URI
 * carries no credentials. Never part of the bundle.
 *
 * <p>Arguments: DATA_DIRECTORY PORT.
 */
public final class MongoWireStandIn {

    private MongoWireStandIn() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : "/data/db");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27017;
        EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dataDirectory, "0.0.0.0", port);
        System.out.println("MongoDB-wire stand-in (mongo-java-server, H2 store " + server.storeFile() + ") listening on "
                + port + ": NOT MongoDB, used only by the stack proof in place of mongo:7");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Closing the server closes the H2 store, so that a clean stop loses nothing.
            server.close();
            stopped.countDown();
        }, "stand-in-shutdown"));
        stopped.await();
    }
}
