package dev.todolist.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a Compose project's nginx wrote on its output, read through podman: the JSON access log (the
 * bundle's snippets/access-log-json.conf) and, on the same output, its error log.
 */
public final class NginxLog {

    /** One request: what, its status, and the instances nginx tried for it, in order (none when nginx answered alone). */
    public record Entry(String method, String path, int status, List<String> upstreams) {

        /** The instance that answered (the last one tried); empty when nginx answered itself (its rate limit, say). */
        public String answeredBy() {
            return upstreams.isEmpty() ? "" : upstreams.get(upstreams.size() - 1);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private NginxLog() {
    }

    /** Every request PROJECT's nginx has logged so far, in order. */
    public static List<Entry> requests(String project) {
        return lines(project).filter(NginxLog::isAccessLine).map(NginxLog::entry).toList();
    }

    /**
     * The error-log lines of PROJECT's nginx (why it answered 502 itself, say: an instance refused
     * the connection, or the app's name could not be resolved), in order.
     */
    public static List<String> errors(String project) {
        return lines(project).filter(line -> !isAccessLine(line)).toList();
    }

    private static Stream<String> lines(String project) {
        String nginx = Podman.podman("ps", "-q", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=nginx").assertSuccess("podman ps").output().trim();
        return Podman.podman("logs", nginx).output().lines();
    }

    private static boolean isAccessLine(String line) {
        return line.startsWith("{\"time\":");
    }

    private static Entry entry(String line) {
        try {
            JsonNode request = JSON.readTree(line);
            // $upstream_addr: the addresses tried, comma-separated; empty (or "-") when none was.
            String tried = request.path("upstream").asText();
            return new Entry(request.path("method").asText(), request.path("path").asText(), request.path("status").asInt(),
                    tried.isEmpty() || tried.equals("-") ? List.of() : List.of(tried.split(", ")));
        } catch (IOException e) {
            throw new AssertionError("not a JSON access-log line: " + line, e);
        }
    }
}
