package dev.todolist.backup.job;

/** The steps of a restore, in order; a {@link RestoreListener} hears each one as it completes. */
public enum RestoreStep {
    VERIFIED,
    SAFETY_BACKUP_TAKEN,
    STAGING_LOADED,
    STAGING_CHECKED,
    /** One live collection replaced by its staged copy (heard once per collection). */
    COLLECTION_SWAPPED,
    /** Live collections absent from the archive dropped. */
    EXTRA_COLLECTIONS_DROPPED,
    VIEWS_CREATED,
    STAGING_DROPPED
}
