package io.jenkins.plugins.databricks.api;

import java.util.Objects;

/**
 * What the transport needs to know about one call, whatever the API version: the method, the path below the workspace
 * URL (already percent-encoded, without a query string), and whether repeating it is harmless, which decides what
 * {@link RetryPolicy} may retry once the request may have reached the server.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code HEAD}, {@code DELETE}
 * @param path e.g. {@code /api/1.2/clusters/list} or {@code /api/2.0/fs/files/Volumes/c/s/v/app.jar}
 * @param safeToRepeat a read, or a write that leaves the same state when applied twice
 */
public record ApiCall(String method, String path, boolean safeToRepeat) {

    public ApiCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.indexOf('?') >= 0) {
            throw new IllegalArgumentException("An API path starts with / and has no query: " + path);
        }
    }

    /** A read. */
    public static ApiCall get(String path) {
        return new ApiCall("GET", path, true);
    }

    /** A POST; {@code safeToRepeat} when applying it twice leaves the same state. */
    public static ApiCall post(String path, boolean safeToRepeat) {
        return new ApiCall("POST", path, safeToRepeat);
    }

    /** Method and path, e.g. {@code POST /api/1.2/libraries/upload}: what messages and retry notices show. */
    public String description() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return description();
    }
}
