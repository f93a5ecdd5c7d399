package io.jenkins.plugins.databricks.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when the retry sleeper "sleeps", recording every wait. No real sleeping. */
final class FakeTime extends Clock {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeTime(Instant start) {
        this.now = start;
    }

    FakeTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    RetryPolicy.Sleeper sleeper() {
        return d -> {
            synchronized (this) {
                sleeps.add(d);
                now = now.plus(d);
            }
        };
    }

    /** A policy on this fake time with no jitter. */
    RetryPolicy.Builder policy() {
        return RetryPolicy.builder().clock(this).sleeper(sleeper()).jitter(Duration.ZERO);
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
    public synchronized Instant instant() {
        return now;
    }
}
