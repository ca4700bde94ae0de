package dev.todolist.backup.job;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Gives a test method a {@link TestDatabases.BackedUp} parameter: a freshly seeded database named
 * after the test, with a manual backup of it in an archive directory of its own that is deleted
 * after the test. Where every restore test starts.
 */
final class BackedUpDatabases implements ParameterResolver {

    /** MongoDB database names stay under 64 bytes with the fixture's unique suffix. */
    private static final int PREFIX_LENGTH = 32;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BackedUpDatabases.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabases.BackedUp.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            Path directory = Files.createTempDirectory("backedup");
            // Closed by JUnit when the test is done (an AutoCloseable in the test's store).
            context.getStore(NAMESPACE).put(parameter, (AutoCloseable) () -> deleteRecursively(directory));
            String name = context.getRequiredTestMethod().getName();
            return TestDatabases.backedUp(name.substring(0, Math.min(name.length(), PREFIX_LENGTH)), directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot back up a seeded database for " + context.getDisplayName(), e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
