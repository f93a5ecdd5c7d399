package io.jenkins.plugins.databricks.api.auth;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * The transport's HTTP, lent to a {@link TokenSource}: token requests go through the same client as every other call
 * (proxy, timeouts, TLS, user agent, response limit) but carry no workspace credentials. Implemented by the
 * transport; answers of any status come back for the token source to read.
 */
public interface TokenHttp {

    /** The workspace's base URI, e.g. {@code https://adb-1.azuredatabricks.net}. */
    URI workspace();

    /** The transport's clock: token lifetimes are measured against it. */
    Clock clock();

    /** A GET with {@code Accept: application/json}. */
    Answer get(URI uri) throws IOException;

    /**
     * A form-encoded POST ({@code application/x-www-form-urlencoded}); {@code authorization} is the whole header
     * value, or {@code null} for none.
     */
    Answer postForm(URI uri, Map<String, String> form, String authorization) throws IOException;

    /** Status and body text (bounded by the transport's limit). */
    record Answer(int status, String body) {}
}
