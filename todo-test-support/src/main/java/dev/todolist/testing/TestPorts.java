package dev.todolist.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for the management listener, whose port must be known before the server
 * starts (a route bound to port 0 would never match). They are drawn below Linux's ephemeral
 * range (32768+), where the outgoing connections of this and other builds on the machine take
 * theirs, and checked by binding the wildcard address as the listener will.
 */
public final class TestPorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private TestPorts() {
    }

    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in " + LOW + "-" + HIGH);
    }
}
