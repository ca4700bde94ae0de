package dev.todolist.backup.job;

import com.mongodb.client.MongoDatabase;
import dev.todolist.backup.archive.ArchiveFormatException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restores of forged archives through the real job: refused before anything is touched. */
class HostileRestoreTest {

    @TempDir
    Path directory;
    @TempDir
    Path incoming;

    @ParameterizedTest
    @ValueSource(strings = {"", "to\0dos", "../todos", "$cmd"})
    void anArchiveWithAForgedCollectionNameIsRefusedBeforeTheSafetyBackup(String name) throws Exception {
        MongoDatabase live = TestDatabases.seeded("hostile");
        Map<String, Map<String, String>> before = TestDatabases.snapshot(live);
        Path archive = TestArchives.write(incoming.resolve("forged.archive.gz"), live.getName(),
                TestArchives.Entry.collection("todos", "{}", List.of(BsonDocument.parse("{_id: 1}"))),
                TestArchives.Entry.collection(name, "{}", List.of(BsonDocument.parse("{_id: 2}"))));
        RestoreJob job = TestDatabases.restoreJob(live.getName(), new ArchiveStore(directory), RestoreListener.NONE);

        ArchiveFormatException refused = assertThrows(ArchiveFormatException.class,
                () -> job.restore(archive, Optional.empty(), false));

        assertTrue(refused.getMessage().startsWith("invalid namespace " + live.getName() + "."), refused.getMessage());
        assertEquals(before, TestDatabases.snapshot(live), "the live data is untouched");
        assertFalse(TestDatabases.hasStaging(live), "nothing was staged");
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(), files.map(path -> path.getFileName().toString())
                    .filter(file -> file.endsWith(".archive.gz")).toList(), "no safety backup was needed");
        }
        assertTrue(Files.exists(archive), "a file outside the backup directory stays where it is");
    }
}
