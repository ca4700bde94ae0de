package dev.todolist.backup.job;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.todolist.backup.archive.ArchiveFormatException;
import dev.todolist.backup.archive.ArchiveReader;
import dev.todolist.backup.archive.BackupStamp;
import dev.todolist.backup.archive.Namespace;
import dev.todolist.testing.MongoFixture;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonSymbol;
import org.bson.BsonType;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backups and restores through the jobs, against the shared MongoDB fixture. */
@ExtendWith(BackedUpDatabases.class)
class BackupRestoreTest {

    @TempDir
    Path directory;

    @Test
    void backupThenRestoreGivesBackByteIdenticalDocumentsAndTheIndexes(TestDatabases.BackedUp seeded) throws Exception {
        MongoDatabase source = seeded.database();
        BackupResult backup = seeded.backup();

        assertEquals(3, backup.collections());
        assertEquals(270, backup.documents());
        assertTrue(backup.archive().getFileName().toString().matches("todolist-\\d{8}T\\d{6}Z\\.archive\\.gz"));
        assertEquals(backup.sha256() + "  " + backup.archive().getFileName() + "\n",
                Files.readString(ArchiveStore.checksumFileOf(backup.archive())));
        assertEquals(270, ArchiveVerifier.verify(backup.archive()).summary().documentCount());
        assertEquals(new BackupStamp("manual", backup.startedAt().truncatedTo(ChronoUnit.MILLIS)),
                ArchiveReader.readHeader(backup.archive()).stamp(), "the kind and time listing and retention read");

        String target = MongoFixture.uniqueDatabase("roundtriptarget");
        RestoreResult restore = TestDatabases.restoreJob(target, seeded.store(), RestoreListener.NONE)
                .restore(backup.archive(), Optional.empty(), false);

        MongoDatabase restored = TestDatabases.client().getDatabase(target);
        assertEquals(TestDatabases.snapshot(source), TestDatabases.snapshot(restored));
        assertEquals(TestDatabases.indexes(source), TestDatabases.indexes(restored));
        assertEquals(source.getName(), restore.plan().sourceDatabase());
        assertFalse(TestDatabases.hasStaging(restored), "the staging collections are dropped");
    }

    @Test
    void stagingCollectionsLeftByAnInterruptedRestoreAreNotBackedUpAndTheNextRestoreDropsThem() throws Exception {
        MongoDatabase live = TestDatabases.seeded("leftover");
        live.getCollection(RestoreJob.STAGING_PREFIX + "todos").insertOne(new Document("_id", "half restored"));
        ArchiveStore store = new ArchiveStore(directory);

        BackupResult backup = TestDatabases.backupJob(live, store).backup(ArchiveKind.MANUAL);
        assertEquals(List.of("accounts", "empty", "todos"), ArchiveVerifier.verify(backup.archive()).summary()
                .collections().stream().map(collection -> collection.namespace().collection()).toList());

        TestDatabases.restoreJob(live.getName(), store, RestoreListener.NONE).restore(backup.archive(), Optional.empty(), false);
        assertFalse(TestDatabases.hasStaging(live));
    }

    @Test
    void restoreReplacesTheLiveDatabaseAfterASafetyBackupOfIt(TestDatabases.BackedUp seeded) throws Exception {
        MongoDatabase live = seeded.database();
        Map<String, Map<String, String>> backedUp = TestDatabases.snapshot(live);

        live.getCollection("todos").deleteMany(Filters.eq("done", true));
        live.getCollection("accounts").insertOne(new Document("_id", "intruder"));
        live.getCollection("extra").insertOne(new Document("x", 1));
        Map<String, Map<String, String>> changed = TestDatabases.snapshot(live);

        RestoreResult result = seeded.restore(RestoreListener.NONE);

        assertEquals(backedUp, TestDatabases.snapshot(live));
        assertEquals(List.of("extra"), result.droppedCollections());
        assertNotNull(result.safetyArchive());
        assertTrue(result.safetyArchive().getFileName().toString().startsWith("todolist-pre-restore-"));
        long changedDocuments = changed.values().stream().mapToLong(Map::size).sum();
        assertEquals(changedDocuments, ArchiveVerifier.verify(result.safetyArchive()).summary().documentCount());
    }

    @Test
    void restoreFailingHalfWayThroughTheSwapPutsTheLiveDataBack(TestDatabases.BackedUp seeded) throws Exception {
        MongoDatabase live = seeded.database();
        Map<String, Map<String, String>> before = seeded.changeAfterTheBackup();
        Map<String, List<String>> indexesBefore = TestDatabases.indexes(live);

        RestoreListener failAfterFirstSwap = (step, detail) -> {
            if (step == RestoreStep.COLLECTION_SWAPPED) {
                throw new IllegalStateException("injected failure after swapping " + detail);
            }
        };
        RestoreFailedException failed = assertThrows(RestoreFailedException.class,
                () -> seeded.restore(failAfterFirstSwap));

        assertTrue(failed.liveDataIntact(), failed.getMessage());
        assertTrue(failed.getMessage().contains("put back from the safety backup"), failed.getMessage());
        assertEquals(Optional.empty(), seeded.store().interruptedRestore(), "rolled back: nothing in doubt");
        assertEquals(before, TestDatabases.snapshot(live));
        assertEquals(indexesBefore, TestDatabases.indexes(live));
        assertFalse(TestDatabases.hasStaging(live));
    }

    @Test
    void restoreFailingInStagingNeverTouchesTheLiveData(TestDatabases.BackedUp seeded) throws Exception {
        MongoDatabase live = seeded.database();
        Map<String, Map<String, String>> before = seeded.changeAfterTheBackup();

        RestoreListener failWhenLoaded = (step, detail) -> {
            if (step == RestoreStep.STAGING_LOADED) {
                throw new IllegalStateException("injected failure in staging");
            }
        };
        RestoreFailedException failed = assertThrows(RestoreFailedException.class,
                () -> seeded.restore(failWhenLoaded));

        assertTrue(failed.liveDataIntact());
        assertEquals(before, TestDatabases.snapshot(live));
        assertFalse(TestDatabases.hasStaging(live));
    }

    @Test
    void truncatedArchiveIsRefusedBeforeAnythingChanges() throws Exception {
        Fixture fixture = backedUpAndChanged("truncated");
        byte[] bytes = Files.readAllBytes(fixture.archive);
        Files.write(fixture.archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        // A matching checksum file, so that it is the archive decoding that must catch the damage.
        Files.writeString(ArchiveStore.checksumFileOf(fixture.archive),
                ChecksumFile.sha256(fixture.archive) + "  " + fixture.archive.getFileName() + "\n");

        String refusal = fixture.refusal();
        assertTrue(refusal.contains("truncated"), refusal);
    }

    @Test
    void crcMismatchIsRefusedBeforeAnythingChanges() throws Exception {
        Fixture fixture = backedUpAndChanged("crc");
        byte[] raw;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(fixture.archive))) {
            raw = in.readAllBytes();
        }
        int at = indexOf(raw, "u19@example.org".getBytes());
        raw[at] = 'x';
        Files.write(fixture.archive, raw);
        Files.delete(ArchiveStore.checksumFileOf(fixture.archive));

        String refusal = fixture.refusal();
        assertTrue(refusal.startsWith("CRC mismatch for namespace " + fixture.live.getName() + ".accounts"), refusal);
    }

    @Test
    void wrongChecksumFileIsRefusedBeforeAnythingChanges() throws Exception {
        Fixture fixture = backedUpAndChanged("checksum");
        Files.writeString(ArchiveStore.checksumFileOf(fixture.archive),
                "0".repeat(64) + "  " + fixture.archive.getFileName() + "\n");

        String refusal = fixture.refusal();
        assertTrue(refusal.startsWith("SHA-256 mismatch for " + fixture.archive.getFileName()), refusal);
    }

    @Test
    void archiveWithInvalidMetadataIsRefusedBeforeAnythingChanges() throws Exception {
        Fixture fixture = backedUpAndChanged("badformat");
        Files.delete(ArchiveStore.checksumFileOf(fixture.archive));
        Files.write(fixture.archive, dev.todolist.backup.archive.Fixtures.bytes("bad-format.archive"));

        String refusal = fixture.refusal();
        assertTrue(refusal.startsWith("invalid metadata for namespace test.ixtest"), refusal);
    }

    @Test
    void dryRunSaysWhatWouldHappenAndChangesNothing() throws Exception {
        Fixture fixture = backedUpAndChanged("dryrun");
        fixture.live.getCollection("extra").insertOne(new Document("x", 1));
        Map<String, Map<String, String>> before = TestDatabases.snapshot(fixture.live);

        RestoreResult plan = TestDatabases.restoreJob(fixture.live.getName(), fixture.store, RestoreListener.NONE)
                .dryRun(fixture.archive, Optional.empty(), false);

        assertTrue(plan.dryRun());
        assertEquals(List.of("accounts", "empty", "todos"),
                plan.plan().collections().stream().map(RestorePlan.CollectionRestore::name).sorted().toList());
        assertEquals(List.of("extra"), plan.droppedCollections());
        assertEquals(before, TestDatabases.snapshot(fixture.live));
        assertEquals(1, fixture.store.list().size(), "no safety backup is taken");
    }

    @Test
    void mongodumpArchiveWithAnOplogRestoresItsDatabaseAndSaysWhatItSkips() throws Exception {
        Path archive = directory.resolve("dump-w-oplog.archive");
        Files.write(archive, dev.todolist.backup.archive.Fixtures.bytes("dump-w-oplog.archive"));
        String target = MongoFixture.uniqueDatabase("fromdump");

        RestoreResult result = TestDatabases.restoreJob(target, new ArchiveStore(directory), RestoreListener.NONE)
                .restore(archive, Optional.empty(), false);

        MongoDatabase restored = TestDatabases.client().getDatabase(target);
        List<String> dumped = new java.util.ArrayList<>();
        dev.todolist.backup.archive.ArchiveReader.read(archive, new dev.todolist.backup.archive.ArchiveVisitor() {
            @Override
            public void document(Namespace namespace, byte[] bson) {
                if (namespace.equals(new Namespace("test", "foo"))) {
                    dumped.add(java.util.HexFormat.of().formatHex(bson));
                }
            }
        });
        assertEquals(25, dumped.size());
        assertEquals(new java.util.TreeSet<>(dumped),
                new java.util.TreeSet<>(TestDatabases.snapshot(restored).get("foo").values()), "byte-identical documents");
        assertEquals("test", result.plan().sourceDatabase());
        Map<Namespace, String> skipped = new java.util.HashMap<>();
        result.plan().skipped().forEach(entry -> skipped.put(entry.namespace(), entry.reason()));
        assertTrue(skipped.get(Namespace.oplog()).startsWith("oplog entries are not replayed"));
        assertTrue(skipped.get(new Namespace("admin", "system.version")).startsWith("another database"));
    }

    @Test
    void everyTruncatedPrefixOfAJobArchiveIsRefused() throws Exception {
        MongoDatabase small = TestDatabases.client().getDatabase(MongoFixture.uniqueDatabase("prefixes"));
        small.getCollection("todos").insertMany(List.of(new Document("title", "a"), new Document("title", "b")));
        small.getCollection("empty_one").drop();
        small.createCollection("empty_one");
        BackupResult backup = TestDatabases.backupJob(small, new ArchiveStore(directory)).backup(ArchiveKind.MANUAL);
        byte[] gzipped = Files.readAllBytes(backup.archive());
        for (int length = 0; length < gzipped.length; length++) {
            byte[] prefix = java.util.Arrays.copyOf(gzipped, length);
            int cut = length;
            assertThrows(ArchiveFormatException.class, () -> dev.todolist.backup.archive.Fixtures.read(prefix,
                    new dev.todolist.backup.archive.ArchiveVisitor() { }), "prefix of " + cut + " bytes");
        }
        assertEquals(2, dev.todolist.backup.archive.Fixtures.read(gzipped,
                new dev.todolist.backup.archive.ArchiveVisitor() { }).documentCount());
    }

    @Test
    void mongodumpTimeseriesArchiveIsRefusedUnlessTimeseriesAreSkipped() throws Exception {
        Path archive = directory.resolve("timeseries.archive");
        Files.write(archive, dev.todolist.backup.archive.Fixtures.bytes("timeseries_tests_dump.archive"));
        MongoDatabase live = TestDatabases.seeded("tsrefused");
        Map<String, Map<String, String>> before = TestDatabases.snapshot(live);
        ArchiveStore store = new ArchiveStore(directory);
        RestoreJob job = TestDatabases.restoreJob(live.getName(), store, RestoreListener.NONE);

        RestorePlan.PlanException dryRun = assertThrows(RestorePlan.PlanException.class,
                () -> job.dryRun(archive, Optional.empty(), false));
        RestorePlan.PlanException refused = assertThrows(RestorePlan.PlanException.class,
                () -> job.restore(archive, Optional.empty(), false));

        assertEquals(dryRun.getMessage(), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("the archive's database timeseries_test holds time-series"
                + " collection(s) [foo_ts], which this job cannot restore"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--skip-timeseries"), refused.getMessage());
        assertEquals(before, TestDatabases.snapshot(live));
        assertTrue(store.list().isEmpty(), "refused before the safety backup");
    }

    @Test
    void restoreSkippingTimeseriesLeavesTheLiveCollectionOfThatNameAsItIs() throws Exception {
        Path archive = directory.resolve("timeseries.archive");
        Files.write(archive, dev.todolist.backup.archive.Fixtures.bytes("timeseries_tests_dump.archive"));
        MongoDatabase live = TestDatabases.client().getDatabase(MongoFixture.uniqueDatabase("tsskipped"));
        live.getCollection("foo_ts").insertOne(new Document("_id", "live reading"));
        live.getCollection("old").insertOne(new Document("_id", "not in the archive"));
        Map<String, String> liveReadings = TestDatabases.snapshot(live).get("foo_ts");

        RestoreResult result = TestDatabases.restoreJob(live.getName(), new ArchiveStore(directory), RestoreListener.NONE)
                .restore(archive, Optional.empty(), true);

        RestorePlan.Skipped timeseries = result.plan().skipped().stream()
                .filter(entry -> entry.namespace().equals(new Namespace("timeseries_test", "foo_ts"))).findFirst().orElseThrow();
        assertEquals(10, timeseries.documents());
        assertTrue(timeseries.reason().startsWith("a time-series collection"), timeseries.reason());
        assertEquals(List.of("foo_ts"), result.keptCollections());
        assertEquals(List.of("old"), result.droppedCollections());
        assertEquals(Map.of("foo_ts", liveReadings), TestDatabases.snapshot(live));
    }

    @Test
    void collectionOptionsAreRestoredOrTheRestoreStopsInStaging() throws Exception {
        MongoDatabase live = TestDatabases.seeded("options");
        Map<String, Map<String, String>> before = TestDatabases.snapshot(live);
        Path archive = TestArchives.write(directory.resolve("options.archive.gz"), "app",
                TestArchives.Entry.collection("people", "{collation: {locale: 'fr', strength: 2},"
                                + " validator: {$jsonSchema: {required: ['name']}}, validationLevel: 'strict'}",
                        List.of(BsonDocument.parse("{_id: 1, name: 'Zo\u00e9'}")),
                        "{v: 2, key: {name: 1}, name: 'name_1', unique: true}"));

        RestoreJob job = TestDatabases.restoreJob(live.getName(), new ArchiveStore(directory), RestoreListener.NONE);
        if (MongoFixture.isRealMongo()) {
            job.restore(archive, Optional.empty(), false);
            BsonDocument options = live.listCollections(BsonDocument.class)
                    .filter(Filters.eq("name", "people")).first().getDocument("options");
            assertEquals("fr", options.getDocument("collation").getString("locale").getValue());
            assertTrue(options.containsKey("validator"), options.toJson());
        } else {
            String reason = stoppedWithTheLiveDataAsItWas(job, archive, live, before);
            assertTrue(reason.contains("the server did not keep the options of people: collation is missing"), reason);
            assertFalse(TestDatabases.hasStaging(live));
        }
    }

    @Test
    void aCappedCollectionIsRestoredOrTheRestoreStopsInStaging() throws Exception {
        MongoDatabase live = TestDatabases.seeded("capped");
        Map<String, Map<String, String>> before = TestDatabases.snapshot(live);
        Path archive = TestArchives.write(directory.resolve("capped.archive.gz"), "app",
                TestArchives.Entry.collection("events", "{capped: true, size: {$numberLong: '1048576'}, max: 100}",
                        List.of(BsonDocument.parse("{_id: 1, at: 'start'}"))));

        RestoreJob job = TestDatabases.restoreJob(live.getName(), new ArchiveStore(directory), RestoreListener.NONE);
        if (MongoFixture.isRealMongo()) {
            job.restore(archive, Optional.empty(), false);
            assertTrue(live.listCollections(BsonDocument.class).filter(Filters.eq("name", "events")).first()
                    .getDocument("options").getBoolean("capped").getValue());
        } else {
            String reason = stoppedWithTheLiveDataAsItWas(job, archive, live, before);
            assertTrue(reason.contains("capped"), reason);
        }
    }

    @Test
    void aViewIsRestoredOrTheRestoreStopsBeforeTheSwap() throws Exception {
        MongoDatabase live = TestDatabases.seeded("view");
        Map<String, Map<String, String>> before = TestDatabases.snapshot(live);
        Path archive = TestArchives.write(directory.resolve("view.archive.gz"), "app",
                TestArchives.Entry.collection("todos", "{}", List.of(BsonDocument.parse("{_id: 1, done: true}"))),
                TestArchives.Entry.view("done_todos", "{viewOn: 'todos', pipeline: [{$match: {done: true}}]}"));

        RestoreJob job = TestDatabases.restoreJob(live.getName(), new ArchiveStore(directory), RestoreListener.NONE);
        if (MongoFixture.isRealMongo()) {
            job.restore(archive, Optional.empty(), false);
            assertEquals("view", live.listCollections(BsonDocument.class).filter(Filters.eq("name", "done_todos"))
                    .first().getString("type").getValue());
            assertEquals(1, live.getCollection("done_todos").countDocuments());
        } else {
            String reason = stoppedWithTheLiveDataAsItWas(job, archive, live, before);
            assertTrue(reason.contains("created done_todos as a collection, not as a view"), reason);
            assertFalse(TestDatabases.hasStaging(live));
        }
    }

    /** The restore stops (the in-process server cannot hold what the archive has) and the live data is as it was: why. */
    private static String stoppedWithTheLiveDataAsItWas(RestoreJob job, Path archive, MongoDatabase live,
                                                        Map<String, Map<String, String>> before) {
        RestoreFailedException failed = assertThrows(RestoreFailedException.class,
                () -> job.restore(archive, Optional.empty(), false));
        assertTrue(failed.liveDataIntact(), failed.getMessage());
        assertEquals(before, TestDatabases.snapshot(live));
        return failed.getMessage();
    }

    /**
     * Deprecated BSON types and the MD5 binary subtype: MongoDB keeps them byte for byte; the
     * in-process wire server cannot (it fails, or stores undefined as null), and that must be caught.
     */
    static final List<BsonValue> RARE_VALUES = List.of(new BsonBinary(BsonBinarySubType.MD5, new byte[16]),
            new BsonUndefined(), new BsonSymbol("sym"),
            new BsonDbPointer("app.other", new ObjectId("5f0c8d7e6b5a4c3d2e1f0a9b")),
            new BsonJavaScriptWithScope("function () { return x; }", new BsonDocument("x", new BsonInt32(1))),
            new BsonBinary(BsonBinarySubType.OLD_BINARY, new byte[] {1, 2, 3}));

    @ParameterizedTest
    @FieldSource("RARE_VALUES")
    void rareBsonValuesComeBackByteIdenticalOrTheRestoreStopsInStaging(BsonValue value) throws Exception {
        MongoDatabase live = TestDatabases.seeded("rare");
        Map<String, Map<String, String>> before = TestDatabases.snapshot(live);
        BsonDocument document = new BsonDocument("_id", new BsonInt32(1)).append("legacy", value);
        Path archive = TestArchives.write(directory.resolve("rare.archive.gz"), "app",
                TestArchives.Entry.collection("legacy", "{}", List.of(document)));

        RestoreJob job = TestDatabases.restoreJob(live.getName(), new ArchiveStore(directory), RestoreListener.NONE);
        if (MongoFixture.isRealMongo()) {
            job.restore(archive, Optional.empty(), false);
            RawBsonDocument restored = live.getCollection("legacy", RawBsonDocument.class).find().first();
            assertEquals(new RawBsonDocument(document, new BsonDocumentCodec()), restored);
        } else {
            String reason = stoppedWithTheLiveDataAsItWas(job, archive, live, before);
            assertTrue(reason.startsWith("restore into the staging collections failed, the live collections"
                    + " of " + live.getName() + " were not changed"), reason);
            if (value.getBsonType() == BsonType.UNDEFINED) {
                assertTrue(reason.contains("staged legacy has the archive's 1 documents, but not byte for byte"), reason);
            }
        }
    }

    @Test
    void anArchiveOfSeveralDatabasesRestoresTheOneChosenAndSaysWhatItSkips() throws Exception {
        Path archive = TestArchives.write(directory.resolve("server.archive.gz"), List.of(
                new TestArchives.InDatabase("shop", TestArchives.Entry.collection("orders", "{}",
                        List.of(BsonDocument.parse("{_id: 1}"), BsonDocument.parse("{_id: 2}")))),
                new TestArchives.InDatabase("crm", TestArchives.Entry.collection("contacts", "{}",
                        List.of(BsonDocument.parse("{_id: 'ada', email: 'ada@example.org'}"))))));
        MongoDatabase live = TestDatabases.client().getDatabase(MongoFixture.uniqueDatabase("several"));
        RestoreJob job = TestDatabases.restoreJob(live.getName(), new ArchiveStore(directory), RestoreListener.NONE);

        RestorePlan.PlanException ambiguous = assertThrows(RestorePlan.PlanException.class,
                () -> job.restore(archive, Optional.empty(), false));
        assertEquals("the archive holds several databases [crm, shop]: choose one with --from-database",
                ambiguous.getMessage());
        RestorePlan.PlanException unknown = assertThrows(RestorePlan.PlanException.class,
                () -> job.restore(archive, Optional.of("billing"), false));
        assertEquals("the archive holds no database \"billing\"; it holds [crm, shop]", unknown.getMessage());

        RestoreResult result = job.restore(archive, Optional.of("crm"), false);

        assertEquals(List.of("contacts"), TestDatabases.snapshot(live).keySet().stream().toList());
        assertEquals(1, live.getCollection("contacts").countDocuments());
        RestorePlan.Skipped orders = result.plan().skipped().get(0);
        assertEquals(new Namespace("shop", "orders"), orders.namespace());
        assertEquals(2, orders.documents());
        assertTrue(orders.reason().startsWith("another database"), orders.reason());
    }

    @Test
    void aRestoreWhoseRollbackFailsTooSaysTheLiveDataChangedAndNamesTheSafetyArchive(TestDatabases.BackedUp seeded)
            throws Exception {
        MongoDatabase live = seeded.database();
        RestoreListener loseTheSafetyArchiveThenFail = (step, detail) -> {
            if (step == RestoreStep.COLLECTION_SWAPPED) {
                ArchiveFile safety = seeded.store().latest(ArchiveKind.PRE_RESTORE).orElseThrow();
                Files.delete(safety.path());
                throw new IllegalStateException("injected failure after swapping " + detail);
            }
        };

        RestoreFailedException failed = assertThrows(RestoreFailedException.class,
                () -> seeded.restore(loseTheSafetyArchiveThenFail));

        assertFalse(failed.liveDataIntact());
        assertTrue(failed.getMessage().contains("putting back the safety backup failed too"), failed.getMessage());
        assertTrue(failed.getMessage().contains(failed.safetyArchive().getFileName().toString()), failed.getMessage());
        String warning = seeded.store().interruptedRestore().orElseThrow();
        assertTrue(warning.startsWith("a restore of database " + live.getName() + " began replacing its collections"),
                warning);
        assertTrue(warning.contains(failed.safetyArchive().toString()), warning);

        seeded.restore(RestoreListener.NONE);
        assertEquals(Optional.empty(), seeded.store().interruptedRestore(), "a successful restore ends the doubt");
    }

    private Fixture backedUpAndChanged(String prefix) throws IOException {
        TestDatabases.BackedUp seeded = TestDatabases.backedUp(prefix, directory);
        return new Fixture(seeded.database(), seeded.store(), seeded.backup().archive(), seeded.changeAfterTheBackup());
    }

    private record Fixture(MongoDatabase live, ArchiveStore store, Path archive, Map<String, Map<String, String>> before) {

        void restore() throws Exception {
            TestDatabases.restoreJob(live.getName(), store, RestoreListener.NONE).restore(archive, Optional.empty(), false);
        }

        /** The restore refuses the archive before anything changes: the reason it gives. */
        String refusal() throws IOException {
            ArchiveFormatException refused = assertThrows(ArchiveFormatException.class, this::restore);
            assertUntouched();
            return refused.getMessage();
        }

        void assertUntouched() throws IOException {
            assertEquals(before, TestDatabases.snapshot(live));
            assertFalse(TestDatabases.hasStaging(live));
            assertTrue(store.list().stream().noneMatch(archive -> archive.kind() == ArchiveKind.PRE_RESTORE),
                    "no safety backup: the restore stopped before it");
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
