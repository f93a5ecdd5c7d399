package io.jenkins.plugins.databricks.api;

import io.jenkins.plugins.databricks.api.auth.TokenRequestException;
import java.io.IOException;
import java.util.Locale;

/**
 * A Databricks call that failed: an error answer from the server, an unusable answer, or no answer. Carries the HTTP
 * status (0 when there was no answer), the endpoint ({@code POST /api/1.2/libraries/upload}, never a query string),
 * how many attempts were made, the server's own text and, where we know one, a hint at the fix. The message never
 * contains credentials.
 */
public class DatabricksApiException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String endpoint;
    private final int attempts;
    private final String errorCode;
    private final String serverMessage;
    private final String hint;

    /** For the typed clients, when a 2xx answer lacks what the call needs; the transport makes all others. */
    public DatabricksApiException(
            String endpoint,
            int statusCode,
            int attempts,
            String errorCode,
            String serverMessage,
            String hint,
            Throwable cause) {
        super(compose(endpoint, statusCode, attempts, serverMessage, hint), cause);
        this.statusCode = statusCode;
        this.endpoint = endpoint;
        this.attempts = attempts;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.hint = hint;
    }

    private DatabricksApiException(
            String message,
            String endpoint,
            int statusCode,
            String errorCode,
            String serverMessage,
            String hint,
            Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.endpoint = endpoint;
        this.attempts = 1;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.hint = hint;
    }

    /**
     * No token for the call: the token endpoint refused (its own message says what to fix, so it is kept whole) or
     * could not be reached. The endpoint is the token endpoint's; 401 and 403 count as authentication failures.
     */
    static DatabricksApiException tokenRefused(TokenRequestException e) {
        return new DatabricksApiException(
                e.getMessage(), e.endpoint(), e.statusCode(), e.error(), e.getMessage(), e.fix(), e);
    }

    private static String compose(String endpoint, int status, int attempts, String serverMessage, String hint) {
        StringBuilder sb = new StringBuilder(endpoint).append(" failed");
        if (status > 0) {
            sb.append(": HTTP ").append(status);
        }
        if (serverMessage != null && !serverMessage.isEmpty()) {
            sb.append(": ").append(serverMessage);
        }
        sb.append(" (").append(attempts).append(attempts == 1 ? " attempt)" : " attempts)");
        if (hint != null && !hint.isEmpty()) {
            sb.append(". ").append(hint);
        }
        return sb.toString();
    }

    /** The HTTP status, or 0 when no answer arrived (connection failure, timeout). */
    public int statusCode() {
        return statusCode;
    }

    /** Method and path, e.g. {@code POST /api/1.2/libraries/upload}. */
    public String endpoint() {
        return endpoint;
    }

    /** Attempts made, including retries. */
    public int attempts() {
        return attempts;
    }

    /**
     * The server's error code: the exception name of a 1.2 error ({@code NameConflictException}), the 2.0
     * {@code error_code} ({@code TEMPORARILY_UNAVAILABLE}, or a number as text); {@code null} when none.
     */
    public String errorCode() {
        return errorCode;
    }

    /** The server's text, reduced to one line; {@code null} when there was no answer. */
    public String serverMessage() {
        return serverMessage;
    }

    /** What would probably fix it, or {@code null}. */
    public String hint() {
        return hint;
    }

    /** Whether the server refused a library because one with the same name exists in the folder. */
    public boolean isNameConflict() {
        return "NameConflictException".equals(errorCode)
                || (serverMessage != null
                        && (serverMessage.contains("NameConflictException")
                                || serverMessage.contains("already contains an element called")
                                || serverMessage.contains("already exists")));
    }

    /** Whether the credentials were refused (401 or 403, or a token endpoint's 4xx). */
    public boolean isAuthenticationFailure() {
        return statusCode == 401
                || statusCode == 403
                || (getCause() instanceof TokenRequestException t && t.statusCode() >= 400 && t.statusCode() < 500);
    }

    /** A hint for a status and server text, or {@code null}. */
    static String hintFor(int status, String serverMessage, boolean html) {
        String msg = serverMessage == null ? "" : serverMessage;
        if (msg.contains("V1 APIs") && msg.toLowerCase(Locale.ROOT).contains("disabled")) {
            return "This workspace has the REST 1.2 clusters and libraries API (V1) disabled, so libraries cannot be"
                    + " uploaded or attached through it; ask the workspace admin, or use a workspace where it is enabled";
        }
        if (status == 401) {
            return "Check the credentials: the user and password, or the personal access token, were not accepted"
                    + " (or not sent)";
        }
        if (status == 403) {
            return "Check the credentials: the token may have expired or been revoked, or the user lacks permission"
                    + " for this API";
        }
        if (status >= 300 && status < 400) {
            return "Check the workspace URL: use the workspace address itself (e.g. https://<name>.cloud.databricks.com),"
                    + " not a sign-in or other redirecting address";
        }
        if (status == 407) {
            return "The proxy refused the request: check the proxy user name and password in the proxy settings";
        }
        if (status == 404) {
            return "Check the workspace URL (it should be the workspace address, e.g. https://<name>.cloud.databricks.com)"
                    + " and the id";
        }
        if (html && status >= 200 && status < 300) {
            return "The server answered with a web page instead of JSON: check the workspace URL points at the"
                    + " workspace itself";
        }
        if (status == 429) {
            return "Databricks is rate-limiting this workspace; try again later or make fewer calls in parallel";
        }
        return null;
    }
}
