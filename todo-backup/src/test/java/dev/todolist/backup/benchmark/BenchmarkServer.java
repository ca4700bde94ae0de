package dev.todolist.backup.benchmark;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/**
 * The in-process MongoDB-wire server of the benchmark, in a JVM of its own so that the measured job's
 * JVM holds only the job. Prints its port, then serves until killed.
 */
public final class BenchmarkServer {

    private BenchmarkServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        System.out.println("port=" + address.getPort());
        System.out.flush();
        Thread.currentThread().join();
    }
}
