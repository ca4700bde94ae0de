package dev.todolist.backup.fs;

import java.io.IOException;

/**
 * A name the job writes in the backup directory is a symbolic link, a hard link or not a regular
 * file: the job refuses to write through it (whoever placed it could make the job overwrite any
 * file it can write). Nothing was written; remove the entry and run again.
 */
public final class UnsafeFileException extends IOException {

    public UnsafeFileException(String message) {
        super(message);
    }
}
