package io.jenkins.plugins.databricks.api.auth;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Keeps one token of a {@link TokenSource} and replaces it before it expires. A token is refreshed once at most
 * {@link #REFRESH_AHEAD} is left (or half its lifetime, for tokens shorter than ten minutes, so that a short-lived
 * token is not refreshed on every call). However many requests need a token at once, one of them asks the source;
 * while a still-usable token is being replaced the others go on with it, and only when it is about to expire do they
 * wait for the new one. Thread-safe.
 */
public final class TokenCache {

    /** A token is replaced once this little of its life is left (the Databricks SDKs use the same 5 minutes). */
    public static final Duration REFRESH_AHEAD = Duration.ofMinutes(5);

    /** Below this much life left a token is not sent any more: it could expire on the way. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(40);

    /** After a failed early refresh the still-valid token is used this long before asking again. */
    static final Duration EARLY_RETRY_PAUSE = Duration.ofSeconds(10);

    private record Held(AccessToken token, Instant refreshAt, Instant usableUntil) {}

    private final TokenSource source;
    private final Consumer<String> minted;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Held held;
    private volatile Instant earlyFailureAt;

    /**
     * @param minted told every new token's value before it is used (redaction registers it)
     */
    public TokenCache(TokenSource source, Consumer<String> minted) {
        this.source = Objects.requireNonNull(source, "source");
        this.minted = Objects.requireNonNull(minted, "minted");
    }

    public TokenSource source() {
        return source;
    }

    /** A token that is valid for a while yet, asking the source only when needed. */
    public AccessToken token(TokenHttp http) throws IOException {
        Instant now = http.clock().instant();
        Held h = held;
        if (h != null && now.isBefore(h.refreshAt())) {
            return h.token();
        }
        if (h != null && now.isBefore(h.usableUntil())) {
            return refreshEarly(http, h, now);
        }
        lock.lock();
        try {
            Held again = held;
            if (again != null && again != h && http.clock().instant().isBefore(again.usableUntil())) {
                return again.token(); // another request refreshed while this one waited
            }
            return refresh(http).token();
        } finally {
            lock.unlock();
        }
    }

    /** Stale but still usable: one caller refreshes, the others (and a failed refresh) keep the current token. */
    private AccessToken refreshEarly(TokenHttp http, Held h, Instant now) throws IOException {
        Instant failed = earlyFailureAt;
        if (failed != null && now.isBefore(failed.plus(EARLY_RETRY_PAUSE))) {
            return h.token();
        }
        if (!lock.tryLock()) {
            return h.token();
        }
        try {
            Held current = held;
            if (current != h && current != null) {
                return current.token();
            }
            try {
                return refresh(http).token();
            } catch (IOException e) {
                earlyFailureAt = http.clock().instant();
                return h.token();
            }
        } finally {
            lock.unlock();
        }
    }

    private Held refresh(TokenHttp http) throws IOException {
        Instant issued = http.clock().instant();
        AccessToken token = source.fetch(http);
        minted.accept(token.value());
        Duration life = Duration.between(issued, token.expiresAt());
        if (life.isNegative()) {
            life = Duration.ZERO;
        }
        Duration ahead = min(REFRESH_AHEAD, life.dividedBy(2));
        Duration margin = min(EXPIRY_MARGIN, life.dividedBy(4));
        Held h = new Held(
                token, token.expiresAt().minus(ahead), token.expiresAt().minus(margin));
        held = h;
        earlyFailureAt = null;
        return h;
    }

    /**
     * The server refused {@code rejected} although it should still be valid (revoked, or a clock that disagrees):
     * forget it, so the next {@link #token} asks the source. A token already replaced is left alone.
     */
    public void rejected(AccessToken rejected) {
        lock.lock();
        try {
            Held h = held;
            if (h != null && h.token().equals(rejected)) {
                held = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public String toString() {
        return "TokenCache[" + source.describe() + "]";
    }
}
