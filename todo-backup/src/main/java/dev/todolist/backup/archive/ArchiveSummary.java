package dev.todolist.backup.archive;

import java.util.List;
import java.util.Map;

/**
 * What a complete read of an archive found: the prelude, and per body namespace its document
 * count and checked CRC.
 */
public record ArchiveSummary(ArchiveHeader header, List<CollectionMetadata> collections,
                             Map<Namespace, NamespaceTotals> namespaces, long uncompressedBytes) {

    public record NamespaceTotals(long documents, long bytes, long crc) {
    }

    public long documentCount() {
        return namespaces.values().stream().mapToLong(NamespaceTotals::documents).sum();
    }

    /** Documents of a prelude entry (for a time-series collection: its buckets). */
    public long documentsOf(CollectionMetadata collection) {
        NamespaceTotals totals = namespaces.get(collection.bodyNamespace());
        return totals == null ? 0 : totals.documents();
    }
}
