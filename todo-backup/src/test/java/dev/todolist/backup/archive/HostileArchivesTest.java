package dev.todolist.backup.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The module's bad-input corpus for archives: forged namespaces and files that are not archives at all. */
class HostileArchivesTest {

    static final List<Namespace> HOSTILE = Fixtures.HOSTILE_NAMESPACES;
    static final List<Namespace> VALID = List.of(new Namespace("todolist", "todos"),
            new Namespace("todolist", "_restore_staging.todos"), new Namespace("admin", "system.version"),
            new Namespace("todolist", "a/../b"), new Namespace("my-db_2", "Zo\u00e9"), Namespace.oplog());

    @ParameterizedTest
    @FieldSource("HOSTILE")
    void anArchiveWithAForgedNamespaceIsRefusedWhileReadingWithTheNameEscaped(Namespace namespace) throws IOException {
        byte[] archive = Fixtures.hostileArchive(namespace);
        ArchiveFormatException refused = assertThrows(ArchiveFormatException.class,
                () -> Fixtures.read(archive, new ArchiveVisitor() { }));
        assertTrue(refused.getMessage().startsWith("invalid namespace "), refused.getMessage());
        assertTrue(refused.getMessage().chars().noneMatch(Character::isISOControl), refused.getMessage());
    }

    @ParameterizedTest
    @FieldSource("VALID")
    void namesMongoDbAcceptsAreRead(Namespace namespace) throws IOException {
        byte[] archive = Fixtures.hostileArchive(namespace);
        assertDoesNotThrow(() -> Fixtures.read(archive, new ArchiveVisitor() { }));
    }

    @Test
    void aFileThatIsNotAnArchiveIsRefusedWithoutEchoingItsBytes() {
        byte[] secret = "API_KEY=hunter2 and more text\n".getBytes(StandardCharsets.UTF_8);
        for (byte[] file : List.of(secret, Fixtures.gzip(secret))) {
            ArchiveFormatException refused = assertThrows(ArchiveFormatException.class,
                    () -> Fixtures.read(file, new ArchiveVisitor() { }));
            assertTrue(refused.getMessage().startsWith("not an archive"), refused.getMessage());
            assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
            // "API_" as a little-endian int32 is 0x5f495041: the old message printed it.
            assertFalse(refused.getMessage().toLowerCase().contains("5f495041"), refused.getMessage());
        }
    }
}
