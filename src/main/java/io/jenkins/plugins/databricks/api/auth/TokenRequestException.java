package io.jenkins.plugins.databricks.api.auth;

import java.io.IOException;

/**
 * The token endpoint refused or could not be used: the message names the method, the endpoint, the server's
 * {@code error} and {@code error_description} (scrubbed of secrets and tokens) and what to fix.
 */
public class TokenRequestException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final int statusCode;
    private final String error;
    private final String fix;

    public TokenRequestException(String endpoint, int statusCode, String error, String message, String fix) {
        super(message + (fix == null ? "" : ". " + fix));
        this.endpoint = endpoint;
        this.statusCode = statusCode;
        this.error = error;
        this.fix = fix;
    }

    /** E.g. {@code POST https://adb-1.azuredatabricks.net/oidc/v1/token} (never a query string). */
    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when the answer was unusable before a status mattered. */
    public int statusCode() {
        return statusCode;
    }

    /** The OAuth {@code error} code ({@code invalid_client}, {@code invalid_grant}...), or {@code null}. */
    public String error() {
        return error;
    }

    /** What would probably fix it, or {@code null}. */
    public String fix() {
        return fix;
    }
}
