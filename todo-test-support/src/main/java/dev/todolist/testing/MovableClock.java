package dev.todolist.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until the test moves it, for code that takes a {@link Clock}:
 * windows, delays and schedules are then proved without waiting them out. Safe to move from
 * another thread than the one reading it.
 */
public final class MovableClock extends Clock {

    private volatile Instant now;

    public MovableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock to {@code instant}, forwards or back. */
    public void set(Instant instant) {
        now = instant;
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** UTC only: the code under test reads instants, and a second clock would not move with this one. */
    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone.normalized())) {
            return this;
        }
        throw new UnsupportedOperationException("a MovableClock is in UTC only, not " + zone);
    }
}
