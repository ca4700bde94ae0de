package dev.todolist.api.account;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AttemptCounterTest {

    private final AttemptCounter counter = new AttemptCounter(3, Duration.ofSeconds(60));

    @Test
    void aKeyMayTryUntilItReachesItsLimitWithinTheWindow() {
        counter.record("k", 0);
        counter.record("k", 10_000);
        assertEquals(Optional.empty(), counter.waitTime("k", 20_000));
        counter.record("k", 20_000);
        assertEquals(Optional.of(Duration.ofSeconds(40)), counter.waitTime("k", 20_000));
    }

    @Test
    void theWindowSlidesOldAttemptsOut() {
        counter.record("k", 0);
        counter.record("k", 30_000);
        counter.record("k", 50_000);
        assertEquals(Optional.of(Duration.ofSeconds(5)), counter.waitTime("k", 55_000));
        assertEquals(Optional.empty(), counter.waitTime("k", 60_000), "the first attempt left the window");
        counter.record("k", 60_000);
        assertEquals(Optional.of(Duration.ofSeconds(30)), counter.waitTime("k", 60_000), "now the second is oldest");
    }

    @Test
    void keysAreCountedApartAndForgotten() {
        for (int i = 0; i < 3; i++) {
            counter.record("a", i);
        }
        assertEquals(Optional.empty(), counter.waitTime("b", 3));
        counter.forget("a");
        assertEquals(Optional.empty(), counter.waitTime("a", 3));
    }

    @Test
    void expiredKeysAreDropped() {
        for (int i = 0; i < 3; i++) {
            counter.record("old", i);
        }
        counter.forgetExpired(70_000);
        counter.record("old", 70_000);
        assertEquals(Optional.empty(), counter.waitTime("old", 70_000), "only the new attempt remains");
    }
}
