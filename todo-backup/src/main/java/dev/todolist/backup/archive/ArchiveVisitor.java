package dev.todolist.backup.archive;

import java.io.IOException;

/**
 * Receives an archive's elements in stream order while {@link ArchiveReader} checks them. A visitor
 * that acts on documents before the reader reaches the end must expect a later
 * {@link ArchiveFormatException} (a CRC mismatch is only known at the namespace's EOF): verify first.
 */
public interface ArchiveVisitor {

    default void prelude(ArchiveHeader header, java.util.List<CollectionMetadata> collections) throws IOException {
    }

    default void segmentStart(Namespace namespace) throws IOException {
    }

    /** A document's complete BSON bytes; the array is the caller's to keep. */
    default void document(Namespace namespace, byte[] bson) throws IOException {
    }

    default void segmentEnd(Namespace namespace) throws IOException {
    }

    default void namespaceEnd(Namespace namespace, long crc) throws IOException {
    }
}
