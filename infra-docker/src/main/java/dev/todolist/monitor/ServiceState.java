package dev.todolist.monitor;

/** What the monitor knows of a service. */
public enum ServiceState {
    /** Not polled yet, or not enough failures yet to call it down after a start. */
    UNKNOWN,
    UP,
    DOWN
}
