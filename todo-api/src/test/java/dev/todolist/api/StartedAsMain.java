package dev.todolist.api;

import dev.todolist.testing.MongoFixture;
import dev.todolist.testing.TestPorts;

import java.util.HashMap;
import java.util.Map;

/**
 * The service started as {@code main()} starts it ({@link RunningApplication}), for the tests that
 * stop or restart it themselves and so cannot share a running API.
 */
final class StartedAsMain {

    private StartedAsMain() {
    }

    /** The settings of a service on its own database of the shared MongoDB fixture. */
    static StartupSettings onTheMongoFixture(String databasePrefix) {
        return StartupSettings.fromEnvironment(
                Map.of("MONGODB_URI", MongoFixture.uri(MongoFixture.uniqueDatabase(databasePrefix))));
    }

    static RunningApplication start(StartupSettings settings) {
        return start(settings, Map.of());
    }

    /**
     * Starts on a random main port and a fresh management port, with {@code properties} added. Fresh
     * ports for each start: a restart on the management port of the server just closed can find it
     * not yet released.
     */
    static RunningApplication start(StartupSettings settings, Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", -1);
        all.put("todolist.management.port", TestPorts.free());
        return RunningApplication.start(settings, all);
    }
}
