package dev.todolist.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;

/** The JSON access log of a Compose project's nginx (the bundle's snippets/access-log-json.conf), read through podman. */
public final class NginxAccessLog {

    /** One request: what, its status, and the instances nginx tried for it, in order (none when nginx answered alone). */
    public record Entry(String method, String path, int status, List<String> upstreams) {

        /** The instance that answered (the last one tried); empty when nginx answered itself (its rate limit, say). */
        public String answeredBy() {
            return upstreams.isEmpty() ? "" : upstreams.get(upstreams.size() - 1);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private NginxAccessLog() {
    }

    /** Every request PROJECT's nginx has logged so far, in order (its error log, on the same output, left out). */
    public static List<Entry> of(String project) {
        String nginx = Podman.podman("ps", "-q", "--filter", "label=com.docker.compose.project=" + project,
                "--filter", "label=com.docker.compose.service=nginx").assertSuccess("podman ps").output().trim();
        return Podman.podman("logs", nginx).output().lines().filter(l -> l.startsWith("{\"time\":"))
                .map(NginxAccessLog::entry).toList();
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
