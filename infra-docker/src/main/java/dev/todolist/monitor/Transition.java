package dev.todolist.monitor;

import java.time.Instant;

/** A service changed state. */
public record Transition(Instant at, String service, ServiceState from, ServiceState to, String detail) {

    /** Worth a page: a service went down, or came back after being down. */
    boolean alerts() {
        return to == ServiceState.DOWN || from == ServiceState.DOWN;
    }
}
