package io.jenkins.plugins.databricks.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The service's request limits: the Files API's {@value #FILES_API_CONCURRENT} requests at once always (as on the
 * real backend; {@link #off()} lifts it), the request rates on demand (off by default, so no other test meets them):
 *
 * <ul>
 *   <li><b>Files API</b> ({@code /api/2.0/fs/...}): at most {@value #FILES_API_CONCURRENT} requests at once and
 *       {@value #FILES_API_PER_SECOND} per second, the backend's numbers as the Databricks CLI states them
 *       ({@code bundle/libraries/upload.go}); {@link #documentedFilesApi()}.
 *   <li><b>Every other {@code /api/} endpoint</b>: a request rate per second per workspace, {@link
 *       #otherEndpoints(int)}. Databricks documents only that excess is answered 429; per-endpoint numbers are not
 *       public for these endpoints (30 per second is the one seen for DBFS).
 * </ul>
 *
 * <p>A request over a limit is answered before anything else looks at it, so it never takes effect: HTTP 429, the
 * 2.x rate-limit body {@code REQUEST_LIMIT_EXCEEDED} and {@code Retry-After} in whole seconds until the limit has room
 * again (at least 1). It is journaled with fault {@value #RATE_LIMITED} or {@value #CONCURRENCY_LIMITED}. Rates are
 * token buckets holding one second's worth, refilled continuously by the emulator's clock ({@link Settings#clock()}),
 * so a test with a {@link ManualClock} steps them exactly.
 */
public final class ServiceLimits {

    public static final int FILES_API_CONCURRENT = 10;
    public static final int FILES_API_PER_SECOND = 100;
    static final String FILES_API_PREFIX = "/api/2.0/fs/";
    static final String RATE_LIMITED = "RATE_LIMITED";
    static final String CONCURRENCY_LIMITED = "CONCURRENCY_LIMITED";
    private static final byte[] BODY = ("{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"Your request was"
                    + " rejected due to API rate limiting. Please retry your request later.\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final Supplier<Clock> clock;
    private final Journal journal;
    private final AtomicLong rejected = new AtomicLong();
    // The real backend always caps concurrent Files API requests; the rates are on demand.
    private volatile int filesConcurrent = FILES_API_CONCURRENT;
    private volatile Bucket filesRate;
    private volatile Bucket otherRate;
    private int filesInFlight;

    ServiceLimits(Settings settings, Journal journal) {
        this.clock = settings::clock;
        this.journal = journal;
    }

    /** The Files API's documented limits: {@value #FILES_API_CONCURRENT} at once, {@value #FILES_API_PER_SECOND}/s. */
    public ServiceLimits documentedFilesApi() {
        return filesApi(FILES_API_CONCURRENT, FILES_API_PER_SECOND);
    }

    /** Files API limits of your own; 0 turns a limit off. */
    public ServiceLimits filesApi(int concurrent, int perSecond) {
        filesConcurrent = atLeastZero(concurrent, "concurrent");
        filesRate = perSecond == 0 ? null : new Bucket(atLeastZero(perSecond, "perSecond"));
        return this;
    }

    /** Requests per second for every {@code /api/} endpoint outside the Files API; 0 turns it off. */
    public ServiceLimits otherEndpoints(int perSecond) {
        otherRate = perSecond == 0 ? null : new Bucket(atLeastZero(perSecond, "perSecond"));
        return this;
    }

    /** Turns every limit off. */
    public ServiceLimits off() {
        filesConcurrent = 0;
        filesRate = null;
        otherRate = null;
        return this;
    }

    /** How many requests were answered 429 by a limit so far. */
    public long rejected() {
        return rejected.get();
    }

    /** Puts the limits in front of the emulator's request handling. */
    HttpHandler guard(HttpHandler next) {
        return exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean files = path.startsWith(FILES_API_PREFIX);
            int concurrent = files ? filesConcurrent : 0;
            if (concurrent > 0 && !enter(concurrent)) {
                reject(exchange, path, CONCURRENCY_LIMITED, Duration.ofSeconds(1));
                return;
            }
            try {
                Bucket rate = files ? filesRate : path.startsWith("/api/") ? otherRate : null;
                Duration wait =
                        rate == null ? Duration.ZERO : rate.take(clock.get().instant());
                if (!wait.isZero()) {
                    reject(exchange, path, RATE_LIMITED, wait);
                    return;
                }
                next.handle(exchange);
            } finally {
                if (concurrent > 0) {
                    leave();
                }
            }
        };
    }

    private synchronized boolean enter(int max) {
        if (filesInFlight >= max) {
            return false;
        }
        filesInFlight++;
        return true;
    }

    private synchronized void leave() {
        filesInFlight--;
    }

    /**
     * Reads the request body first: the JDK server has already sent {@code 100 Continue}, so the client sends it
     * anyway, and closing with unread bytes would reset the connection before the client reads the 429.
     */
    private void reject(HttpExchange exchange, String path, String why, Duration retryAfter) throws IOException {
        rejected.incrementAndGet();
        journal.record(new JournalEntry(
                exchange.getRequestMethod().toUpperCase(Locale.ROOT), path, Map.of(), List.of(), 429, why, false));
        try (exchange) {
            try (InputStream rest = exchange.getRequestBody()) {
                rest.transferTo(OutputStream.nullOutputStream());
            }
            long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
            exchange.getResponseHeaders().set("Content-Type", ApiResponse.JSON);
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            exchange.sendResponseHeaders(429, BODY.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            }
        }
    }

    private static int atLeastZero(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be 0 (no limit) or more, was " + value);
        }
        return value;
    }

    /** A token bucket holding one second's worth of requests. */
    private static final class Bucket {
        private final int perSecond;
        private double tokens;
        private Instant last;

        Bucket(int perSecond) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
        }

        /** Takes a token and returns zero, or returns how long until one is there. */
        synchronized Duration take(Instant now) {
            if (last != null && now.isAfter(last)) {
                double seconds = Duration.between(last, now).toNanos() / 1e9;
                tokens = Math.min(perSecond, tokens + seconds * perSecond);
            }
            if (last == null || now.isAfter(last)) {
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9));
        }
    }
}
