package io.jenkins.plugins.databricks.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Faults injected on demand. A fault is scoped to one endpoint ({@link #forPath}) or to every request
 * ({@link #forAll}), and applies to the next N matching requests ({@link Scope#times}, default 1) or to all of them
 * ({@link Scope#always}). Faults are checked before authentication (they model the gateway and the network). When
 * several match, the one registered first is used; one fault per request.
 *
 * <p>A faulted request never takes effect, except {@link Scope#loseResponseAfterSuccess()} (its whole point) and
 * {@link Scope#latency(Duration)} (a slow but otherwise normal answer).
 *
 * <pre>{@code
 * emulator.faults().forPath("libraries/upload").times(2).tooManyRequests(1);
 * emulator.faults().forAll().always().gatewayUnavailable();
 * }</pre>
 */
public final class Faults {

    /** The kinds of fault, also the name recorded in {@link JournalEntry#fault()}. */
    public enum Kind {
        TOO_MANY_REQUESTS,
        /** 503 with the JSON {@code TEMPORARILY_UNAVAILABLE} body (2.x shape on 2.x paths) and a Retry-After. */
        TEMPORARILY_UNAVAILABLE,
        /** 500 with the JSON {@code INTERNAL_ERROR} body. */
        INTERNAL_ERROR,
        GATEWAY_UNAVAILABLE,
        INTERNAL_ERROR_HTML,
        V1_APIS_DISABLED,
        LATENCY,
        DROP_CONNECTION,
        DROP_DURING_UPLOAD,
        LOSE_RESPONSE_AFTER_SUCCESS
    }

    /** How a 429 or 503 fault says when to come back. */
    enum RetryAfter {
        /** {@code Retry-After: <seconds>}. */
        SECONDS,
        /** {@code Retry-After: <RFC 7231 date>} that many seconds after the emulator clock's now. */
        HTTP_DATE,
        /** No Retry-After header at all (whether Databricks always sends one is not known). */
        NONE
    }

    /** One registered fault. {@code remaining < 0} means always. */
    static final class Fault {
        final Kind kind;
        final String endpoint;
        final boolean prefix;
        final long number;
        final Duration latency;
        final RetryAfter retryAfter;
        int remaining;

        Fault(Kind kind, Scope scope, long number, Duration latency, RetryAfter retryAfter) {
            this.kind = kind;
            this.endpoint = scope.endpoint;
            this.prefix = scope.prefix;
            this.remaining = scope.times;
            this.number = number;
            this.latency = latency;
            this.retryAfter = retryAfter;
        }

        boolean matches(String requestPath) {
            if (endpoint == null) {
                return true;
            }
            if (prefix) {
                return requestPath.startsWith(endpoint);
            }
            return requestPath.equals(endpoint) || requestPath.endsWith("/" + endpoint);
        }
    }

    private final List<Fault> faults = new ArrayList<>();

    Faults() {}

    /**
     * Faults for one endpoint, given as a full path ({@code "/api/2.0/libraries/install"}) or as a path tail that
     * matches on every face ({@code "clusters/list"} matches {@code /api/1.2/clusters/list} and
     * {@code /api/2.1/clusters/list}).
     */
    public Scope forPath(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        String e = endpoint.startsWith("/api/1.2/") ? endpoint.substring("/api/1.2/".length()) : endpoint;
        return new Scope(e.startsWith("/") ? e.substring(1) : e, false);
    }

    /**
     * Faults for every path that starts with {@code pathPrefix}, e.g. {@code "/api/2.0/fs/files/"} for every file
     * of every volume.
     */
    public Scope forPathPrefix(String pathPrefix) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        if (!pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("a path prefix starts with '/', was '" + pathPrefix + "'");
        }
        return new Scope(pathPrefix, true);
    }

    /** Faults for every request. */
    public Scope forAll() {
        return new Scope(null, false);
    }

    /** Removes every fault. */
    public synchronized void clear() {
        faults.clear();
    }

    /** How many faults are still armed (an "always" fault counts as one). */
    public synchronized int armed() {
        return faults.size();
    }

    synchronized Fault take(String requestPath) {
        Iterator<Fault> it = faults.iterator();
        while (it.hasNext()) {
            Fault f = it.next();
            if (f.matches(requestPath)) {
                if (f.remaining > 0 && --f.remaining == 0) {
                    it.remove();
                }
                return f;
            }
        }
        return null;
    }

    private synchronized Faults add(Fault fault) {
        faults.add(fault);
        return this;
    }

    /** Where and how often a fault applies; finish with the fault itself. */
    public final class Scope {
        private final String endpoint;
        private final boolean prefix;
        private int times = 1;

        Scope(String endpoint, boolean prefix) {
            this.endpoint = endpoint;
            this.prefix = prefix;
        }

        /** The next {@code n} matching requests (default 1). */
        public Scope times(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("times must be at least 1, was " + n);
            }
            times = n;
            return this;
        }

        /** Every matching request until {@link Faults#clear()}. */
        public Scope always() {
            times = -1;
            return this;
        }

        /** HTTP 429 with {@code Retry-After: <seconds>} and the JSON rate-limit body. */
        public Faults tooManyRequests(int retryAfterSeconds) {
            return add(new Fault(Kind.TOO_MANY_REQUESTS, this, retryAfterSeconds, null, RetryAfter.SECONDS));
        }

        /** HTTP 429 with {@code Retry-After} as an HTTP date {@code seconds} after the emulator clock's now. */
        public Faults tooManyRequestsRetryAfterDate(int seconds) {
            return add(new Fault(Kind.TOO_MANY_REQUESTS, this, seconds, null, RetryAfter.HTTP_DATE));
        }

        /** HTTP 429 without any {@code Retry-After} header. */
        public Faults tooManyRequestsWithoutRetryAfter() {
            return add(new Fault(Kind.TOO_MANY_REQUESTS, this, 0, null, RetryAfter.NONE));
        }

        /** HTTP 503 with the JSON {@code TEMPORARILY_UNAVAILABLE} body and {@code Retry-After: <seconds>}. */
        public Faults temporarilyUnavailable(int retryAfterSeconds) {
            return add(new Fault(Kind.TEMPORARILY_UNAVAILABLE, this, retryAfterSeconds, null, RetryAfter.SECONDS));
        }

        /** HTTP 500 with the JSON {@code INTERNAL_ERROR} body (2.x shape on 2.x paths). */
        public Faults internalError() {
            return add(new Fault(Kind.INTERNAL_ERROR, this, 0, null, RetryAfter.NONE));
        }

        /** HTTP 503 with the gateway's text "No webapps are available to handle your request. ...". */
        public Faults gatewayUnavailable() {
            return add(new Fault(Kind.GATEWAY_UNAVAILABLE, this, 0, null, RetryAfter.SECONDS));
        }

        /** HTTP 500 with a Jetty HTML error page (not JSON). */
        public Faults internalErrorHtml() {
            return add(new Fault(Kind.INTERNAL_ERROR_HTML, this, 0, null, RetryAfter.SECONDS));
        }

        /** HTTP 400 with the HTML page Azure served when the V1 clusters/libraries APIs were disabled. */
        public Faults v1ApisDisabled() {
            return add(new Fault(Kind.V1_APIS_DISABLED, this, 0, null, RetryAfter.SECONDS));
        }

        /** Waits (real time) before answering normally. */
        public Faults latency(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            return add(new Fault(Kind.LATENCY, this, 0, delay, RetryAfter.SECONDS));
        }

        /** Closes the connection without reading the body or answering. */
        public Faults dropConnection() {
            return add(new Fault(Kind.DROP_CONNECTION, this, 0, null, RetryAfter.SECONDS));
        }

        /** Reads {@code afterBytes} bytes of the request body, then closes the connection without answering. */
        public Faults dropDuringUpload(long afterBytes) {
            return add(new Fault(Kind.DROP_DURING_UPLOAD, this, afterBytes, null, RetryAfter.SECONDS));
        }

        /**
         * Handles the request fully (the mutation happens) but closes the connection instead of answering: the
         * client cannot tell whether it took effect. Tests idempotency of retries.
         */
        public Faults loseResponseAfterSuccess() {
            return add(new Fault(Kind.LOSE_RESPONSE_AFTER_SUCCESS, this, 0, null, RetryAfter.SECONDS));
        }
    }
}
