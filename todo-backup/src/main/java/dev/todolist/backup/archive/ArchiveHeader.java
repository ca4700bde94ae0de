package dev.todolist.backup.archive;

/**
 * The first document of an archive. mongorestore restores {@code max(concurrentCollections, -j)}
 * collections at once and requires {@code serverVersion} to parse as X.Y.Z.
 *
 * @param stamp the job's own fields, {@code null} in an archive another tool wrote
 */
public record ArchiveHeader(int concurrentCollections, String version, String serverVersion, String toolVersion,
                            BackupStamp stamp) {

    /** The only archive format version that exists. */
    public static final String FORMAT_VERSION = "0.1";

    /** A header without the job's stamp, as mongodump writes it. */
    public ArchiveHeader(int concurrentCollections, String version, String serverVersion, String toolVersion) {
        this(concurrentCollections, version, serverVersion, toolVersion, null);
    }
}
