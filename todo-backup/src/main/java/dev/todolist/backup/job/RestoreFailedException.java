package dev.todolist.backup.job;

import java.nio.file.Path;

/**
 * A restore that started changing databases failed. {@link #liveDataIntact()} says whether the live
 * database is as it was (never touched, or put back from the safety backup); when it is not, the
 * safety archive is the way back.
 */
public final class RestoreFailedException extends Exception {

    private final boolean liveDataIntact;
    private final Path safetyArchive;

    public RestoreFailedException(String message, Throwable cause, boolean liveDataIntact, Path safetyArchive) {
        super(message, cause);
        this.liveDataIntact = liveDataIntact;
        this.safetyArchive = safetyArchive;
    }

    public boolean liveDataIntact() {
        return liveDataIntact;
    }

    public Path safetyArchive() {
        return safetyArchive;
    }
}
