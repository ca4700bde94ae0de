package dev.todolist.backup.archive;

/**
 * The first document of an archive. mongorestore restores {@code max(concurrentCollections, -j)}
 * collections at once and requires {@code serverVersion} to parse as X.Y.Z.
 */
public record ArchiveHeader(int concurrentCollections, String version, String serverVersion, String toolVersion) {

    /** The only archive format version that exists. */
    public static final String FORMAT_VERSION = "0.1";
}
