package dev.todolist.backup.job;

/** Why an archive exists: its file name says it, and retention treats the kinds differently. */
public enum ArchiveKind {
    /** A backup by the schedule or by hand: {@code todolist-<UTC timestamp>.archive.gz}; pruned by retention. */
    SCHEDULED("todolist-"),
    /** The live data just before a restore: {@code todolist-pre-restore-<UTC timestamp>.archive.gz}; never pruned. */
    PRE_RESTORE("todolist-pre-restore-");

    private final String prefix;

    ArchiveKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }
}
