package io.jenkins.plugins.databricks.api;

import java.time.Duration;

/**
 * Told before the client waits to try a call again, so a build log can say why a deploy pauses ("HTTP 429, retrying
 * in 7 s"). The reason never contains credentials. Called on the calling thread; keep it quick.
 */
@FunctionalInterface
public interface RetryListener {

    /** Does nothing. */
    RetryListener NONE = (endpoint, failedAttempt, delay, reason) -> {};

    /**
     * @param endpoint method and path, e.g. {@code GET /api/1.2/clusters/list}
     * @param failedAttempt the attempt that just failed (1 for the first)
     * @param delay the wait before the next attempt
     * @param reason what went wrong, e.g. {@code HTTP 503: No webapps are available...}
     */
    void retrying(String endpoint, int failedAttempt, Duration delay, String reason);
}
