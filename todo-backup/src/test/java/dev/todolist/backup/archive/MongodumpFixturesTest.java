package dev.todolist.backup.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The archives the official mongodump wrote, read and re-encoded by the job's codec. */
class MongodumpFixturesTest {

    static final java.util.List<String> VALID = Fixtures.VALID;

    @Test
    void testBarArchiveHoldsItsCollectionAndTheAdminVersion() throws IOException {
        ArchiveSummary summary = Fixtures.read(Fixtures.bytes("test.bar.archive"), new ArchiveVisitor() { });
        assertEquals(new ArchiveHeader(4, "0.1", "3.4.3", "r3.4.3"), summary.header());
        assertEquals(Map.of(new Namespace("test", "bar"), 1L, new Namespace("admin", "system.version"), 1L),
                documentCounts(summary));
    }

    @Test
    void oplogArchiveHoldsTheOplogNamespaceLast() throws IOException {
        ArchiveSummary summary = Fixtures.read(Fixtures.bytes("dump-w-oplog.archive"), new ArchiveVisitor() { });
        Map<Namespace, Long> counts = documentCounts(summary);
        assertEquals(25L, counts.get(new Namespace("test", "foo")));
        assertEquals(18L, counts.get(Namespace.oplog()));
        assertEquals(1L, counts.get(new Namespace("admin", "system.version")));
        assertEquals(Namespace.oplog(), counts.keySet().stream().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void timeseriesArchiveCarriesItsDocumentsInTheBucketsNamespace() throws IOException {
        ArchiveSummary summary = Fixtures.read(Fixtures.bytes("timeseries_tests_dump.archive"), new ArchiveVisitor() { });
        CollectionMetadata timeseries = summary.collections().stream()
                .filter(collection -> collection.type() == CollectionType.TIMESERIES).findFirst().orElseThrow();
        assertEquals(new Namespace("timeseries_test", "foo_ts"), timeseries.namespace());
        assertEquals(10L, summary.documentsOf(timeseries));
        assertEquals(10L, documentCounts(summary).get(new Namespace("timeseries_test", "system.buckets.foo_ts")));
        CollectionDescription description = CollectionDescription.parse(timeseries.metadataJson());
        assertEquals("ts", description.options().getDocument("timeseries").getString("timeField").getValue());
        assertEquals(java.util.List.of("meta.device_1", "ts_1_meta.device_1"), description.indexNames());
    }

    @Test
    void badFormatArchiveIsRefusedNamingTheNamespaceAndItsMetadata() {
        ArchiveFormatException refused = assertThrows(ArchiveFormatException.class,
                () -> Fixtures.read(Fixtures.bytes(Fixtures.BAD_FORMAT), new ArchiveVisitor() { }));
        assertTrue(refused.getMessage().startsWith("invalid metadata for namespace test.ixtest: not valid Extended JSON"),
                refused.getMessage());
    }

    @ParameterizedTest
    @FieldSource("VALID")
    void reEncodedFixtureIsByteIdenticalToTheOriginal(String fixture) throws IOException {
        byte[] original = Fixtures.bytes(fixture);
        Fixtures.ReEncoder reEncoder = new Fixtures.ReEncoder();
        Fixtures.read(original, reEncoder);
        assertArrayEquals(original, reEncoder.finish());
    }

    @Test
    void canonicalMetadataOfAModernMongodumpIsReproducedExactly() throws IOException {
        ArchiveSummary summary = Fixtures.read(Fixtures.bytes("timeseries_tests_dump.archive"), new ArchiveVisitor() { });
        for (CollectionMetadata collection : summary.collections()) {
            assertEquals(collection.metadataJson(), CollectionDescription.parse(collection.metadataJson()).toCanonicalJson());
        }
    }

    @ParameterizedTest
    @FieldSource("VALID")
    void everyTruncatedPrefixIsRefused(String fixture) {
        assertEveryPrefixRefused(Fixtures.bytes(fixture), fixture);
    }

    @ParameterizedTest
    @FieldSource("VALID")
    void everyTruncatedPrefixOfTheGzippedFixtureIsRefused(String fixture) {
        assertEveryPrefixRefused(Fixtures.gzip(Fixtures.bytes(fixture)), fixture + " gzipped");
    }

    private static void assertEveryPrefixRefused(byte[] original, String what) {
        for (int length = 0; length < original.length; length++) {
            byte[] prefix = Arrays.copyOf(original, length);
            try {
                Fixtures.read(prefix, new ArchiveVisitor() { });
                fail("a prefix of " + length + " of " + original.length + " bytes of " + what + " was accepted");
            } catch (ArchiveFormatException expected) {
                // refused, as it must be
            } catch (IOException e) {
                fail("prefix " + length + " of " + what + " failed with a non-format error: " + e);
            }
        }
        try {
            Fixtures.read(original, new ArchiveVisitor() { });
        } catch (IOException e) {
            fail("the whole of " + what + " is refused too: " + e);
        }
    }

    @Test
    void aDocumentChangedAfterDumpingFailsItsNamespaceCrc() {
        byte[] archive = Fixtures.bytes("test.bar.archive");
        // The 'bar' value of test.bar's only document ({_id, foo: "bar"}) becomes 'baz'.
        int at = indexOf(archive, "bar\0".getBytes(), 796);
        archive[at + 2] = 'z';
        ArchiveFormatException refused = assertThrows(ArchiveFormatException.class,
                () -> Fixtures.read(archive, new ArchiveVisitor() { }));
        assertTrue(refused.getMessage().startsWith("CRC mismatch for namespace test.bar"), refused.getMessage());
    }

    @Test
    void trailingBytesAfterTheLastTerminatorAreRefused() {
        byte[] original = Fixtures.bytes("test.bar.archive");
        byte[] longer = Arrays.copyOf(original, original.length + 4);
        Arrays.fill(longer, original.length, longer.length, (byte) 0xff);
        ArchiveFormatException refused = assertThrows(ArchiveFormatException.class,
                () -> Fixtures.read(longer, new ArchiveVisitor() { }));
        assertTrue(refused.getMessage().contains("two terminators"), refused.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    private static Map<Namespace, Long> documentCounts(ArchiveSummary summary) {
        Map<Namespace, Long> counts = new LinkedHashMap<>();
        summary.namespaces().forEach((namespace, totals) -> counts.put(namespace, totals.documents()));
        return counts;
    }
}
