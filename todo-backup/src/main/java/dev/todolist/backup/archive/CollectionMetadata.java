package dev.todolist.backup.archive;

/**
 * One prelude entry: a namespace and its metadata JSON text (options, indexes, uuid) exactly as
 * stored, so that re-encoding an archive reproduces it byte for byte.
 *
 * @param type {@code null} when the archive's writer did not record one (old tools)
 */
public record CollectionMetadata(Namespace namespace, String metadataJson, int size, CollectionType type) {

    public CollectionType effectiveType() {
        return type == null ? CollectionType.COLLECTION : type;
    }

    /** The namespace whose documents the body carries: the buckets of a time-series collection. */
    public Namespace bodyNamespace() {
        return effectiveType() == CollectionType.TIMESERIES ? namespace.buckets() : namespace;
    }
}
