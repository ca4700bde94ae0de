package dev.todolist.backup.job;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why an archive exists. The job writes it into the archive's header ({@link dev.todolist.backup.archive.BackupStamp}),
 * where listing and retention read it; the file name only separates safety archives for people.
 */
public enum ArchiveKind {
    /** A run of the schedule: {@code todolist-<UTC timestamp>.archive.gz}; pruned by retention. */
    SCHEDULED("scheduled", "todolist-", true),
    /** A {@code backup} command: named like a scheduled one, pruned by the same retention. */
    MANUAL("manual", "todolist-", true),
    /** The live data just before a restore: {@code todolist-pre-restore-<UTC timestamp>.archive.gz}; never pruned. */
    PRE_RESTORE("pre-restore", "todolist-pre-restore-", false);

    private final String wireName;
    private final String prefix;
    private final boolean pruned;

    ArchiveKind(String wireName, String prefix, boolean pruned) {
        this.wireName = wireName;
        this.prefix = prefix;
        this.pruned = pruned;
    }

    /** The name in the archive's header and in {@code list}. */
    public String wireName() {
        return wireName;
    }

    public String prefix() {
        return prefix;
    }

    /** Whether the retention may delete archives of this kind. */
    public boolean pruned() {
        return pruned;
    }

    static Optional<ArchiveKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.wireName.equals(name)).findFirst();
    }
}
