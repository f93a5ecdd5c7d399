package io.jenkins.plugins.databricks.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock that moves only when told to; install it with {@link Settings#clock(Clock)} to step time in tests. */
public final class ManualClock extends Clock {

    private volatile Instant now;

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
