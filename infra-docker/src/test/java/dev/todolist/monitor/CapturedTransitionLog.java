package dev.todolist.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A {@link TransitionLog} written to memory and read back as the JSON lines the container would print. */
final class CapturedTransitionLog {

    private final ObjectMapper json;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TransitionLog log;

    CapturedTransitionLog(ObjectMapper json) {
        this.json = json;
        this.log = new TransitionLog(json, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    /** The log to hand to the code under test. */
    TransitionLog log() {
        return log;
    }

    /** Every line written so far, each parsed as the JSON object it must be. */
    List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text().split("\n")) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }

    /** The raw text, for failure messages. */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
