import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the API's Java CPU goes, from a JFR recording of a benchmark run (benchmarks/README.md tells
 * how to make one). Two tables of execution samples:
 * <ul>
 *   <li>by component: each sample goes to the first frame from the top of its stack that is not
 *       the JDK's (so a HashMap lookup counts for the library that made it); the shares add up to
 *       100%. Wrappers that enclose the whole request (Micrometer's timed executor, Reactor's chain)
 *       only get what they do themselves;</li>
 *   <li>by request stage: samples whose stack passes through a stage's code (inclusive: a session
 *       check's driver calls count for it).</li>
 * </ul>
 * Run as a single-file program: {@code java JfrCpuTable.java RECORDING.jfr [LAST_SECONDS] [MS_PER_REQUEST]}:
 * only samples of the last LAST_SECONDS of the recording (the measured window; all when absent),
 * and given the API's measured CPU per request, each share also in ms per request (JIT and GC
 * threads are not sampled: that column spreads their time over the shares).
 */
public final class JfrCpuTable {

    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    /** Component of a frame, by package prefix (first match wins). */
    private static final Map<String, List<String>> COMPONENTS = new LinkedHashMap<>();
    /** Request stage, recognised by a frame of its code anywhere in the stack. */
    private static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

    static {
        COMPONENTS.put("MongoDB driver and BSON", List.of("com.mongodb.", "org.bson."));
        COMPONENTS.put("Netty (sockets, HTTP codec, buffers)", List.of("io.netty."));
        COMPONENTS.put("JWT (nimbus JOSE, json-smart)", List.of("com.nimbusds.", "net.minidev."));
        COMPONENTS.put("JSON (Micronaut Serialization, Jackson core)", List.of("io.micronaut.serde.", "com.fasterxml."));
        COMPONENTS.put("logging (logback, logstash encoder)", List.of("ch.qos.logback.", "net.logstash.", "org.slf4j."));
        COMPONENTS.put("metrics (Micrometer, Micronaut metrics)", List.of("io.micrometer.", "io.micronaut.configuration.metrics.", "io.micronaut.micrometer."));
        COMPONENTS.put("validation", List.of("io.micronaut.validation."));
        COMPONENTS.put("Prometheus exposition (the benchmark scrapes /metrics twice a second)", List.of("io.prometheus."));
        COMPONENTS.put("Micronaut Security", List.of("io.micronaut.security."));
        COMPONENTS.put("Reactor", List.of("reactor."));
        COMPONENTS.put("Micronaut core (routing, filters, DI, HTTP, data)", List.of("io.micronaut."));
        COMPONENTS.put("this API (dev.todolist)", List.of("dev.todolist."));

        STAGES.put("session check (sessions look-up, driver included)", List.of("dev.todolist.api.security.ActiveSessionValidator"));
        STAGES.put("JWT parse and HMAC check", List.of("com.nimbusds."));
        STAGES.put("todo controller (service, driver, ETag included)", List.of("dev.todolist.api.todo.TodoController"));
        STAGES.put("todo service (queries and writes, driver included)", List.of("dev.todolist.todo.TodoService"));
        STAGES.put("request log", List.of("dev.todolist.api.logging."));
        STAGES.put("ETag", List.of("dev.todolist.todo.EntityTags"));
        STAGES.put("JSON response writing and body reading", List.of("io.micronaut.serde.", "com.fasterxml."));
        STAGES.put("Micronaut web metrics filter", List.of("io.micronaut.configuration.metrics.binder.web."));
    }

    public static void main(String[] args) throws Exception {
        List<RecordedEvent> samples = new ArrayList<>();
        List<RecordedEvent> collections = new ArrayList<>();
        Instant end = Instant.MIN;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                samples.add(event);
                end = event.getStartTime().isAfter(end) ? event.getStartTime() : end;
            } else if (event.getEventType().getName().equals("jdk.GarbageCollection")) {
                collections.add(event);
            }
        }
        Instant from = args.length > 1 ? end.minus(Duration.ofSeconds(Long.parseLong(args[1]))) : Instant.MIN;
        double msPerRequest = args.length > 2 ? Double.parseDouble(args[2]) : Double.NaN;
        Map<String, Integer> stages = new LinkedHashMap<>();
        Map<String, Integer> components = new LinkedHashMap<>();
        STAGES.keySet().forEach(name -> stages.put(name, 0));
        COMPONENTS.keySet().forEach(name -> components.put(name, 0));
        components.put("the JDK alone (no library frame)", 0);
        int total = 0;
        for (RecordedEvent sample : samples) {
            RecordedStackTrace stack = sample.getStackTrace();
            if (sample.getStartTime().isBefore(from) || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<String> classes = stack.getFrames().stream().map(JfrCpuTable::className).toList();
            STAGES.forEach((name, prefixes) -> {
                if (classes.stream().anyMatch(c -> matches(c, prefixes))) {
                    stages.merge(name, 1, Integer::sum);
                }
            });
            String component = classes.stream().filter(c -> !matches(c, JDK)).findFirst()
                    .flatMap(c -> COMPONENTS.entrySet().stream().filter(e -> matches(c, e.getValue()))
                            .map(Map.Entry::getKey).findFirst().or(() -> java.util.Optional.of("other: " + c)))
                    .orElse("the JDK alone (no library frame)");
            components.merge(component, 1, Integer::sum);
        }
        Instant windowStart = from;
        long gcMs = collections.stream().filter(gc -> !gc.getStartTime().isBefore(windowStart))
                .mapToLong(gc -> gc.getDuration().toMillis()).sum();
        System.out.printf("%d execution samples%s; garbage collection pauses in that window: %d ms in all%n%n", total,
                args.length > 1 ? " in the last " + args[1] + " s" : "", gcMs);
        print("component (first non-JDK frame from the top)", components, total, msPerRequest);
        System.out.println();
        print("request stage (inclusive)", stages, total, msPerRequest);
    }

    private static boolean matches(String className, List<String> prefixes) {
        return prefixes.stream().anyMatch(className::startsWith);
    }

    private static void print(String title, Map<String, Integer> counts, int total, double msPerRequest) {
        System.out.printf("| %s | share of samples |%s%n", title, Double.isNaN(msPerRequest) ? "" : " ms per request |");
        System.out.printf("|---|---|%s%n", Double.isNaN(msPerRequest) ? "" : "---|");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).forEach(entry -> {
            double share = total == 0 ? 0 : entry.getValue() * 100.0 / total;
            System.out.printf("| %s | %.1f%% |%s%n", entry.getKey(), share,
                    Double.isNaN(msPerRequest) ? "" : String.format(" %.2f |", share / 100 * msPerRequest));
        });
    }

    private static String className(RecordedFrame frame) {
        return frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
    }
}
