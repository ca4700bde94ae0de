package dev.todolist.api.account;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts attempts per key over a sliding window and says when a key has reached its limit. Only
 * the last {@code limit} times of a key are kept, so memory is bounded by keys, and keys whose
 * attempts have all left the window are dropped by {@link #forgetExpired}.
 */
final class AttemptCounter {

    private final int limit;
    private final long windowMillis;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

    AttemptCounter(int limit, Duration window) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /** How long {@code key} must wait, or empty when it may try now. */
    Optional<Duration> waitTime(String key, long nowMillis) {
        Deque<Long> times = attempts.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            if (times.size() < limit) {
                return Optional.empty();
            }
            long freeAt = times.peekFirst() + windowMillis;
            return freeAt > nowMillis ? Optional.of(Duration.ofMillis(freeAt - nowMillis)) : Optional.empty();
        }
    }

    void record(String key, long nowMillis) {
        Deque<Long> times = attempts.computeIfAbsent(key, k -> new ArrayDeque<>(limit));
        synchronized (times) {
            times.addLast(nowMillis);
            while (times.size() > limit) {
                times.removeFirst();
            }
        }
    }

    void forget(String key) {
        attempts.remove(key);
    }

    void forgetExpired(long nowMillis) {
        attempts.entrySet().removeIf(entry -> {
            Deque<Long> times = entry.getValue();
            synchronized (times) {
                return times.isEmpty() || times.peekLast() + windowMillis <= nowMillis;
            }
        });
    }
}
