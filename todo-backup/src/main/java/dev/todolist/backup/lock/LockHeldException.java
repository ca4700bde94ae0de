package dev.todolist.backup.lock;

import java.io.IOException;

/** Another run holds the backup directory's lock; the caller should try again later, not wait. */
public final class LockHeldException extends IOException {

    public LockHeldException(String message) {
        super(message);
    }
}
