package dev.todolist.backup.job;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** One finished backup: where it is and what it holds. */
public record BackupResult(Path archive, String sha256, long sizeBytes, long uncompressedBytes, int collections,
                           long documents, Instant startedAt, Duration duration) {

    /** Uncompressed throughput, the figure that compares across databases. */
    public double megabytesPerSecond() {
        double seconds = Math.max(duration.toNanos(), 1) / 1e9;
        return uncompressedBytes / 1e6 / seconds;
    }

    /** The one log line per run that the issue asks for. */
    public String logLine() {
        return String.format(java.util.Locale.ROOT,
                "backup ok archive=%s duration_ms=%d size_bytes=%d uncompressed_bytes=%d collections=%d documents=%d mb_per_s=%.1f",
                archive.getFileName(), duration.toMillis(), sizeBytes, uncompressedBytes, collections, documents,
                megabytesPerSecond());
    }
}
