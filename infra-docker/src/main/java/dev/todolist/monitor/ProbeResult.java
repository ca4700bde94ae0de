package dev.todolist.monitor;

/** The outcome of one probe: whether the service answered as healthy, and what it said. */
public record ProbeResult(boolean healthy, String detail) {

    static ProbeResult healthy(String detail) {
        return new ProbeResult(true, detail);
    }

    static ProbeResult unhealthy(String detail) {
        return new ProbeResult(false, detail);
    }
}
