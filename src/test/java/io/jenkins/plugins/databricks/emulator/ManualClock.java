package io.jenkins.plugins.databricks.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one test clock: it moves only when told to. Install it with {@link Settings#clock(Clock)} to step the
 * emulator's time, and pass {@code clock::sleep} wherever code waits (the client's retry sleeper, the engine's poll
 * sleeper): a wait then moves this clock instead of the thread sleeping, and is recorded for the test to check.
 */
public final class ManualClock extends Clock {

    private volatile Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public ManualClock() {
        this(Instant.parse("2024-01-01T00:00:00Z"));
    }

    public ManualClock(Instant start) {
        now = Objects.requireNonNull(start, "start");
    }

    /** Moves time forward. */
    public synchronized ManualClock advance(Duration by) {
        now = now.plus(by);
        return this;
    }

    /**
     * A wait that moves time instead of the thread: records {@code duration} and advances by it. Like
     * {@link Thread#sleep}, it throws (clearing the flag) when the thread is interrupted. Fits both the client's and
     * the engine's sleeper as a method reference.
     */
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("sleep interrupted");
        }
        synchronized (this) {
            sleeps.add(duration);
            advance(duration);
        }
    }

    /** Every {@link #sleep} so far, in order ({@link #advance} is not a sleep). */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
