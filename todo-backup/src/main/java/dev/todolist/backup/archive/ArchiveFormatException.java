package dev.todolist.backup.archive;

import java.io.IOException;

/** The bytes are not a complete, intact mongodump archive; the message says where and why. */
public class ArchiveFormatException extends IOException {

    public ArchiveFormatException(String message) {
        super(message);
    }

    public ArchiveFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
