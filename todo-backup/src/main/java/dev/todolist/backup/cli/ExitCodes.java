package dev.todolist.backup.cli;

/** The exit statuses a scheduler or script can act on; the README's table lists the same. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The run failed: database unreachable, disk full, I/O error... Retry later. */
    public static final int FAILED = 1;
    /** Bad command line or configuration (unknown option, invalid cron, no such file...). Fix the call. */
    public static final int USAGE = 2;
    /** Another backup, restore or prune holds the backup directory's lock. Try again later. */
    public static final int LOCKED = 3;
    /** The archive is damaged or not an archive (checksum, truncation, CRC, metadata); nothing was changed. */
    public static final int INVALID_ARCHIVE = 4;
    /** The restore failed; the live database is as it was (never touched, or put back from the safety backup). */
    public static final int RESTORE_FAILED_DATA_INTACT = 5;
    /** The restore failed and the safety backup could not be put back: restore it by hand (its path is printed). */
    public static final int RESTORE_FAILED_DATA_CHANGED = 6;
    /** A name the job writes in the backup directory is a link (or not a plain file); nothing was written through it. */
    public static final int UNSAFE_FILE = 7;

    private ExitCodes() {
    }
}
