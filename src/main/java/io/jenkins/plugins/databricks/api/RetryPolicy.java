package io.jenkins.plugins.databricks.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * The one place that decides whether a failed call is tried again, and after how long.
 *
 * <ul>
 *   <li>Any call: HTTP 429 and 503 (honouring {@code Retry-After} in seconds or as an HTTP date), a connection that
 *       could not be opened (so the request never left), and the transient server messages Databricks is known to
 *       send ({@code ClusterNotReadyException}, worker environment not ready, {@code TEMPORARILY_UNAVAILABLE}, ...).
 *   <li>Reads (GET) and calls that are safe to repeat (attach, detach) also on other 5xx answers and on connections
 *       that dropped or timed out after the request was sent.
 *   <li>Other POSTs are <em>not</em> retried once the request may have reached the server: a dropped response after
 *       an upload or an execute could otherwise upload twice or run a command twice. The caller sees the error and
 *       can look at the server state (e.g. list libraries) before deciding.
 * </ul>
 *
 * <p>Attempts are bounded by a count and by a total time; the wait grows exponentially with jitter up to a cap. The
 * clock and the sleeper are injectable so tests never sleep.
 */
public final class RetryPolicy {

    /** Waits between attempts; tests pass one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Substrings of server messages that mean "try again shortly", as the Databricks SDKs treat them. */
    static final List<String> TRANSIENT_MESSAGES = List.of(
            "ClusterNotReadyException",
            "UnknownWorkerEnvironmentException",
            "does not have any associated worker environments",
            "There is no worker environment with id",
            "Unknown worker environment",
            "TEMPORARILY_UNAVAILABLE",
            "No webapps are available to handle your request",
            "RPC token bucket limit has been exceeded",
            "Please try again later or try a faster operation");

    private static final RetryPolicy DEFAULTS = builder().build();
    private static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration maxTotalTime;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration jitter;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.maxTotalTime = b.maxTotalTime;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
    }

    /** 6 attempts within 2 minutes, waits of 1 s doubling up to 30 s, plus up to 0.5 s jitter. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with this policy's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxAttempts = maxAttempts;
        b.maxTotalTime = maxTotalTime;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.jitter = jitter;
        b.clock = clock;
        b.sleeper = sleeper;
        b.random = random;
        return b;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration maxTotalTime() {
        return maxTotalTime;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration jitter() {
        return jitter;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /** What went wrong with one attempt, as far as the retry decision needs to know. */
    record Failure(int status, String serverText, String retryAfterHeader, IOException ioError) {

        static Failure http(int status, String serverText, String retryAfterHeader) {
            return new Failure(status, serverText, retryAfterHeader, null);
        }

        static Failure io(IOException error) {
            return new Failure(0, null, null, error);
        }

        /** The connection was never established, so the server cannot have seen the request. */
        boolean requestNeverSent() {
            return ioError instanceof ConnectException
                    || ioError instanceof ConnectTimeoutException
                    || ioError instanceof UnknownHostException
                    || ioError instanceof NoRouteToHostException;
        }
    }

    /**
     * Whether to try again after {@code failure}, and after how long.
     *
     * @param safeToRepeat the call is a read or otherwise idempotent
     * @param attemptsSoFar attempts already made (1 after the first failure)
     * @param firstAttempt when the first attempt started (per {@link #clock()})
     * @return the wait before the next attempt, or empty to give up
     */
    Optional<Duration> delayBeforeRetry(
            Failure failure, boolean safeToRepeat, int attemptsSoFar, Instant firstAttempt) {
        if (attemptsSoFar >= maxAttempts || !isRetryable(failure, safeToRepeat)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Duration delay = parseRetryAfter(failure.retryAfterHeader(), now).orElseGet(() -> backoff(attemptsSoFar));
        Instant deadline = firstAttempt.plus(maxTotalTime);
        if (now.plus(delay).isAfter(deadline)) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    boolean isRetryable(Failure failure, boolean safeToRepeat) {
        if (failure.ioError() != null) {
            if (failure.requestNeverSent()) {
                return true;
            }
            return safeToRepeat && !(failure.ioError() instanceof SSLException);
        }
        int status = failure.status();
        if (status == 429 || status == 503) {
            return true;
        }
        if (isTransientMessage(failure.serverText())) {
            return true;
        }
        return safeToRepeat && (status == 500 || status == 502 || status == 504);
    }

    static boolean isTransientMessage(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (String m : TRANSIENT_MESSAGES) {
            if (text.contains(m)) {
                return true;
            }
        }
        return false;
    }

    /** {@code min(cap, initial * 2^(attempt-1))} plus a random part of up to {@link #jitter()}. */
    Duration backoff(int attemptsSoFar) {
        int shift = Math.min(Math.max(attemptsSoFar - 1, 0), 30);
        long base = initialBackoff.toMillis() << shift;
        if (base < 0 || base > maxBackoff.toMillis()) {
            base = maxBackoff.toMillis();
        }
        long extra = (long) (random.getAsDouble() * jitter.toMillis());
        return Duration.ofMillis(base + extra);
    }

    /**
     * Parses {@code Retry-After}: delay-seconds or an HTTP date (RFC 1123), relative to {@code now}. A date in the past
     * means "now". Anything unparsable is ignored.
     */
    static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String v = header.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT));
            Duration d = Duration.between(now, at.toInstant());
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", maxTotalTime=" + maxTotalTime + ", initialBackoff="
                + initialBackoff + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + "]";
    }

    /** Builds a {@link RetryPolicy}; every value has a sensible default. */
    public static final class Builder {
        private int maxAttempts = 6;
        private Duration maxTotalTime = Duration.ofMinutes(2);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration jitter = Duration.ofMillis(500);
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {}

        /** Attempts in all, including the first; 1 means no retries. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException(
                        "maxAttempts must be at least 1 (1 = no retries), got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** No retry starts (or waits) past this time after the first attempt started. */
        public Builder maxTotalTime(Duration maxTotalTime) {
            this.maxTotalTime = nonNegative(maxTotalTime, "maxTotalTime");
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** Up to this much random time is added to each computed wait, so parallel builds do not retry in step. */
        public Builder jitter(Duration jitter) {
            this.jitter = nonNegative(jitter, "jitter");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The source of jitter, values in [0, 1); for tests. */
        public Builder random(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException(
                        "maxBackoff (" + maxBackoff + ") must not be below initialBackoff (" + initialBackoff + ")");
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative, got " + d);
            }
            return d;
        }
    }
}
