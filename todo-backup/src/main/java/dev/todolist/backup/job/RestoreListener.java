package dev.todolist.backup.job;

/**
 * Hears the steps of a restore. The job reports progress through it; tests use it to make a
 * restore fail at a chosen step and prove that the live data survives.
 */
@FunctionalInterface
public interface RestoreListener {

    RestoreListener NONE = (step, detail) -> { };

    void stepCompleted(RestoreStep step, String detail) throws Exception;
}
