package dev.todolist.backup.archive;

import java.time.Instant;

/**
 * What this job adds to an archive's header: why the archive exists and when its dump began. Inside
 * the archive (and so under its checksum), it is what the job trusts to list, order and prune
 * archives, never the file's name. mongorestore ignores header fields it does not know.
 *
 * @param kind      the job's name for the archive's kind ({@code scheduled}, {@code manual}, {@code pre-restore})
 * @param createdAt when the dump began
 */
public record BackupStamp(String kind, Instant createdAt) {
}
