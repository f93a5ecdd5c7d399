package io.jenkins.plugins.databricks.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The one way the engine waits for Databricks — clusters, libraries, contexts and commands: probe, and until the
 * answer is final sleep an interval that grows by a factor up to a cap, within a total timeout. Interruptible: an
 * interrupt ends the wait with {@link InterruptedException} at once.
 */
public final class Poller {

    /** A probe that may fail with the caller's exception type. */
    @FunctionalInterface
    public interface Probe<T, E extends Exception> {
        T get() throws E, InterruptedException;
    }

    private final Duration initialInterval;
    private final double backoff;
    private final Duration maxInterval;
    private final Clock clock;
    private final Sleeper sleeper;

    public Poller(Duration initialInterval, double backoff, Duration maxInterval, Clock clock, Sleeper sleeper) {
        if (initialInterval.isNegative()
                || initialInterval.isZero()
                || backoff < 1.0
                || maxInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException("need interval > 0, backoff >= 1 and cap >= interval: " + initialInterval
                    + ", " + backoff + ", " + maxInterval);
        }
        this.initialInterval = initialInterval;
        this.backoff = backoff;
        this.maxInterval = maxInterval;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** 1 s, growing by half each time, at most 10 s between probes. */
    public static Poller standard() {
        return new Poller(Duration.ofSeconds(1), 1.5, Duration.ofSeconds(10), Clock.systemUTC(), Sleeper.SYSTEM);
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Probes until {@code done} accepts the answer, and returns that answer.
     *
     * @param what what is awaited, for the timeout message, e.g. "cluster 0123-abc Running"
     * @throws PollTimeoutException when {@code timeout} passes first
     */
    public <T, E extends Exception> T until(String what, Duration timeout, Probe<T, E> probe, Predicate<T> done)
            throws E, PollTimeoutException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Duration interval = initialInterval;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + what);
            }
            T answer = probe.get();
            if (done.test(answer)) {
                return answer;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new PollTimeoutException("timed out after " + LogFormat.duration(timeout) + " waiting for " + what
                        + "; last seen: " + answer);
            }
            sleeper.sleep(interval.compareTo(left) < 0 ? interval : left);
            interval = next(interval);
        }
    }

    /**
     * Waits once, through the same sleeper as the polls (tests move a fake clock), e.g. before a retry. Interruptible
     * like {@link #until}.
     */
    public void pause(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a pause of " + LogFormat.duration(duration));
        }
        sleeper.sleep(duration);
    }

    private Duration next(Duration interval) {
        long nanos = (long) Math.min(interval.toNanos() * backoff, (double) maxInterval.toNanos());
        return Duration.ofNanos(nanos);
    }
}
