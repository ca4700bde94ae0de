package dev.todolist.backup.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.todolist.backup.cli.BackupCli;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dumps and restores N small todos with the job's CLI in a JVM capped at {@code -Xmx64m} and writes
 * wall time, MB/s (uncompressed archive bytes per second) and peak RSS (VmHWM) of each to a file.
 * Against {@code MONGODB_URI} when set, else an in-process mongo-java-server in its own JVM.
 *
 * <p>Arguments: documents, results directory. Not a test: run by {@code benchmarks/run-benchmark.sh}.
 */
public final class BackupBenchmark {

    private static final String JOB_HEAP = "-Xmx64m";
    /** USER_HZ, the unit of /proc/PID/stat's times: 100 on every Linux this runs on. */
    private static final int CLOCK_TICKS = 100;
    private static final Pattern UNCOMPRESSED = Pattern.compile("uncompressed_bytes=(\\d+)");

    private BackupBenchmark() {
    }

    /** Wall time, CPU time (user + system, last sampled just before the exit), peak RSS, stdout. */
    private record Measure(double seconds, double cpuSeconds, long peakRssKb, String output) {
    }

    public static void main(String[] args) throws Exception {
        int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path results = Path.of(args.length > 1 ? args[1] : "benchmarks/results");
        Path backups = Files.createTempDirectory("todolist-backup-benchmark");
        String external = System.getenv("MONGODB_URI");
        Process server = null;
        String base;
        String serverKind;
        if (external != null && !external.isBlank()) {
            base = external.replaceAll("/[^/?]*(\\?.*)?$", "");
            serverKind = "MONGODB_URI (external MongoDB)";
        } else {
            server = java(List.of("-Xmx8g"), BenchmarkServer.class.getName());
            BufferedReader serverOutput = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = serverOutput.readLine();
            while (line != null && !line.startsWith("port=")) {
                line = serverOutput.readLine();
            }
            if (line == null) {
                throw new IllegalStateException("the benchmark server did not start");
            }
            base = "mongodb://127.0.0.1:" + line.substring("port=".length());
            drain(server);
            serverKind = "in-process mongo-java-server 1.47 (memory backend, separate JVM)";
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        String source = "bench_" + stamp.toLowerCase(Locale.ROOT);
        try {
            String loadBefore = loadAverage();
            long seedStart = System.nanoTime();
            seed(base, source, documents);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

            Measure backup = measure(List.of("backup", "--no-prune", "--uri", base + "/" + source, "--dir", backups.toString()));
            Matcher matcher = UNCOMPRESSED.matcher(backup.output());
            long bytes = matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
            Path archive;
            try (var files = Files.list(backups)) {
                archive = files.filter(path -> path.getFileName().toString().endsWith(".archive.gz")).findFirst().orElseThrow();
            }
            Measure verify = measure(List.of("verify", archive.toString()));
            Measure restore = measure(List.of("restore", "--uri", base + "/" + source + "_restored", "--dir",
                    backups.toString(), archive.toString()));
            // The same archive restored by another build of the job (BENCHMARK_BASELINE_JAR, e.g. the
            // previous commit's -all jar), then by this one again: before/after in the same conditions.
            String baselineJar = System.getenv("BENCHMARK_BASELINE_JAR");
            String baseline = "";
            if (baselineJar != null && !baselineJar.isBlank()) {
                Measure before = measure(baselineJar, List.of("restore", "--uri", base + "/" + source + "_baseline",
                        "--dir", backups.toString(), archive.toString()));
                Measure again = measure(List.of("restore", "--uri", base + "/" + source + "_again", "--dir",
                        backups.toString(), archive.toString()));
                baseline = String.format(Locale.ROOT, "%nrestore by %s: %.1f s, peak RSS %d MB, CPU %.1f s;"
                                + " then this build again: %.1f s, peak RSS %d MB, CPU %.1f s",
                        Path.of(baselineJar).getFileName(), before.seconds(), before.peakRssKb() / 1024,
                        before.cpuSeconds(), again.seconds(), again.peakRssKb() / 1024, again.cpuSeconds());
            }

            String report = String.format(Locale.ROOT, String.join("%n",
                    "todo-backup benchmark %s",
                    "server:    %s",
                    "documents: %d small todos (seeded in %.1f s)",
                    "job JVM:   %s, java %s, %d CPUs",
                    "archive:   %d bytes gzip, %d bytes uncompressed",
                    "backup:    %.1f s, %.1f MB/s, peak RSS %d MB, CPU %.1f s",
                    "verify:    %.1f s, %.1f MB/s, peak RSS %d MB, CPU %.1f s",
                    "restore:   %.1f s, %.1f MB/s, peak RSS %d MB, CPU %.1f s (into an empty database: verify, safety backup, staging, checks, swap)",
                    "restore / backup: %.2f of the wall time, %.2f of the job's CPU",
                    "load average before / after: %s / %s (wall times follow the machine's load; CPU times much less)",
                    ""),
                    stamp, serverKind, documents, seedSeconds, JOB_HEAP, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Files.size(archive), bytes,
                    backup.seconds(), bytes / 1e6 / backup.seconds(), backup.peakRssKb() / 1024, backup.cpuSeconds(),
                    verify.seconds(), bytes / 1e6 / verify.seconds(), verify.peakRssKb() / 1024, verify.cpuSeconds(),
                    restore.seconds(), bytes / 1e6 / restore.seconds(), restore.peakRssKb() / 1024, restore.cpuSeconds(),
                    restore.seconds() / backup.seconds(), restore.cpuSeconds() / backup.cpuSeconds(),
                    loadBefore, loadAverage()) + baseline + System.lineSeparator();
            Files.createDirectories(results);
            Path file = results.resolve("backup-" + stamp + ".txt");
            Files.writeString(file, report);
            System.out.print(report);
            System.out.println("written to " + file);
        } finally {
            if (server != null) {
                server.destroyForcibly();
            }
            try (var files = Files.list(backups)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(backups);
        }
    }

    private static void seed(String base, String database, int documents) {
        try (MongoClient client = MongoClients.create(base)) {
            MongoCollection<BsonDocument> todos = client.getDatabase(database).getCollection("todos", BsonDocument.class);
            List<BsonDocument> batch = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                batch.add(new BsonDocument("_id", new BsonObjectId())
                        .append("title", new BsonString("todo number " + i))
                        .append("done", BsonBoolean.valueOf(i % 4 == 0))
                        .append("priority", new BsonInt32(i % 5))
                        .append("createdAt", new BsonDateTime(1_700_000_000_000L + i * 1000L))
                        .append("tags", new BsonArray(List.of(new BsonString("home"), new BsonString("p" + (i % 7))))));
                if (batch.size() == 10_000) {
                    todos.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                todos.insertMany(batch);
            }
        }
    }

    /** Runs the CLI in a fresh capped JVM, polling its VmHWM (peak resident set) until it exits. */
    private static Measure measure(List<String> arguments) throws IOException, InterruptedException {
        return measure(System.getProperty("java.class.path"), arguments);
    }

    /** As {@link #measure(List)}, with the job's classes from {@code classpath} (another build's -all jar). */
    private static Measure measure(String classpath, List<String> arguments) throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(arguments);
        command.add(0, BackupCli.class.getName());
        Process process = java(classpath, List.of(JOB_HEAP), command.toArray(String[]::new));
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        long peak = 0;
        long cpuTicks = 0;
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
                // Fields 14 and 15 (utime, stime) follow the parenthesised command name.
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                cpuTicks = Math.max(cpuTicks, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            } catch (IOException | RuntimeException exited) {
                // gone between waitFor and the read
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        reader.join();
        if (process.exitValue() != 0) {
            throw new IllegalStateException("job " + arguments + " exited " + process.exitValue() + ":\n" + output);
        }
        return new Measure(seconds, cpuTicks / (double) CLOCK_TICKS, peak, output.toString());
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Keeps reading a child's output so that a full pipe never blocks it. */
    private static void drain(Process process) {
        Thread drainer = new Thread(() -> {
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the process ended
            }
        }, "benchmark-server-output");
        drainer.setDaemon(true);
        drainer.start();
    }

    private static Process java(List<String> jvmOptions, String... mainAndArguments) throws IOException {
        return java(System.getProperty("java.class.path"), jvmOptions, mainAndArguments);
    }

    private static Process java(String classpath, List<String> jvmOptions, String... mainAndArguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.addAll(List.of(mainAndArguments));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
