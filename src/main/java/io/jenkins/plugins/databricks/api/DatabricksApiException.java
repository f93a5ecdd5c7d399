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
    private final String reason;
    private final String requestId;
    private final ErrorKind kind;

    /** For the typed clients, when a 2xx answer lacks what the call needs; the transport makes all others. */
    public DatabricksApiException(
            String endpoint,
            int statusCode,
            int attempts,
            String errorCode,
            String serverMessage,
            String hint,
            Throwable cause) {
        this(endpoint, statusCode, attempts, errorCode, serverMessage, null, null, hint, cause);
    }

    DatabricksApiException(
            String endpoint,
            int statusCode,
            int attempts,
            String errorCode,
            String serverMessage,
            String reason,
            String requestId,
            String hint,
            Throwable cause) {
        super(compose(endpoint, statusCode, attempts, errorCode, serverMessage, reason, requestId, hint), cause);
        this.statusCode = statusCode;
        this.endpoint = endpoint;
        this.attempts = attempts;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.reason = reason;
        this.requestId = requestId;
        this.hint = hint;
        this.kind = ErrorKind.of(endpoint, statusCode, errorCode, serverMessage);
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
        this.reason = null;
        this.requestId = null;
        this.hint = hint;
        this.kind = ErrorKind.of(endpoint, statusCode, errorCode, serverMessage);
    }

    /**
     * No token for the call: the token endpoint refused (its own message says what to fix, so it is kept whole) or
     * could not be reached. The endpoint is the token endpoint's; 401 and 403 count as authentication failures.
     */
    static DatabricksApiException tokenRefused(TokenRequestException e) {
        return new DatabricksApiException(
                e.getMessage(), e.endpoint(), e.statusCode(), e.error(), e.getMessage(), e.fix(), e);
    }

    private static String compose(
            String endpoint,
            int status,
            int attempts,
            String errorCode,
            String serverMessage,
            String reason,
            String requestId,
            String hint) {
        StringBuilder sb = new StringBuilder(endpoint).append(" failed");
        if (status > 0) {
            sb.append(": HTTP ").append(status);
        }
        // A 2.x code says more than the status (RESOURCE_DOES_NOT_EXIST, INVALID_STATE); a 1.2 one is in the text.
        String text = serverMessage == null ? "" : serverMessage;
        if (errorCode != null && !errorCode.equals(String.valueOf(status)) && !text.contains(errorCode)) {
            sb.append(' ').append(errorCode);
        }
        if (!text.isEmpty()) {
            sb.append(": ").append(text);
        }
        if (reason != null && !text.contains(reason)) {
            sb.append(" [").append(reason).append(']');
        }
        sb.append(" (").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
        if (requestId != null) {
            sb.append(", request id ").append(requestId);
        }
        sb.append(')');
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

    /** The 2.x {@code ErrorInfo.reason}, e.g. {@code FILES_API_DIRECTORY_IS_NOT_EMPTY}; {@code null} when none. */
    public String reason() {
        return reason;
    }

    /** The 2.x {@code RequestInfo.request_id}, what Databricks support asks for; {@code null} when none. */
    public String requestId() {
        return requestId;
    }

    /** The kind of failure, from the status refined by the error code, as the Databricks SDKs classify it. */
    public ErrorKind kind() {
        return kind;
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

    /** A hint for a call that failed with {@code status} and the server's {@code error}, or {@code null}. */
    static String hintFor(ApiCall call, int status, ServerError error, boolean html) {
        String path = call.path();
        String reason = error == null ? null : error.reason();
        String code = error == null ? null : error.errorCode();
        if ("FILES_API_DIRECTORY_IS_NOT_EMPTY".equals(reason)) {
            return "Only an empty directory can be deleted: delete the files and directories in it first";
        }
        if (path.startsWith("/api/2.0/fs/")) {
            if (status == 404) {
                return "Check the path: it must name an existing volume (/Volumes/<catalog>/<schema>/<volume>/...),"
                        + " and the caller needs USE CATALOG, USE SCHEMA and READ VOLUME on it";
            }
            if (status == 409) {
                return "A file already exists at this path and is never overwritten: upload under a new name (e.g."
                        + " with the version or build number in it) or delete the old file first";
            }
            if (status == 403) {
                return "Check the volume privileges: writing needs USE CATALOG, USE SCHEMA, READ VOLUME and"
                        + " WRITE VOLUME; reading needs USE CATALOG, USE SCHEMA and READ VOLUME";
            }
        }
        if (path.contains("/artifact-allowlists/") && status == 403) {
            return "Reading the Unity Catalog allowlist needs a metastore admin or the MANAGE ALLOWLIST privilege;"
                    + " without it the allowlist cannot be checked before installing";
        }
        if ("INVALID_STATE".equals(code)) {
            return "The cluster is not in a state that allows this call (a restart needs RUNNING, a start"
                    + " TERMINATED); wait until it settles";
        }
        if (path.startsWith("/api/2.0/libraries/") && status == 403) {
            return "Installing or uninstalling libraries needs CAN MANAGE on the cluster";
        }
        if (path.matches("/api/2\\.\\d/clusters/(start|restart)") && status == 403) {
            return "Starting or restarting a cluster needs CAN RESTART on it";
        }
        return hintFor(status, error == null ? null : error.message(), html);
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
