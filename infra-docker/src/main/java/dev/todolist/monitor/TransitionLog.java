package dev.todolist.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The monitor's log: one JSON object per line on stdout, for the container's log driver. */
final class TransitionLog {

    private final ObjectMapper json;
    private final PrintStream out;

    TransitionLog(ObjectMapper json, PrintStream out) {
        this.json = json;
        this.out = out;
    }

    void transition(Transition transition) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", transition.at().toString());
        line.put("event", "state_change");
        line.put("service", transition.service());
        line.put("from", transition.from().name());
        line.put("to", transition.to().name());
        line.put("detail", transition.detail());
        write(line);
    }

    /** {@code heal}, {@code heal_skipped} or {@code heal_failed}, with the service and how long it was down. */
    void healing(Healer.Attempt attempt) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", attempt.at().toString());
        line.put("event", attempt.outcome().event());
        line.put("service", attempt.service());
        line.put("downSeconds", attempt.downFor().toSeconds());
        line.put("detail", attempt.detail());
        write(line);
    }

    void event(String event, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("event", event);
        line.put("message", message);
        write(line);
    }

    private void write(Map<String, Object> line) {
        try {
            String text = json.writeValueAsString(line);
            synchronized (out) {
                out.println(text);
                out.flush();
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a log line", e);
        }
    }
}
