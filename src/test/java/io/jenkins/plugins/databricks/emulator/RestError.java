package io.jenkins.plugins.databricks.emulator;

/**
 * A REST 2.x error answer: HTTP status, {@code error_code}, {@code message} and, when the real service names one, the
 * {@code ErrorInfo} reason and domain. {@link Rest2} renders it with a {@code RequestInfo} detail.
 */
final class RestError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String reason;
    private final String domain;
    private long retryAfterSeconds = -1;

    RestError(int status, String errorCode, String message) {
        this(status, errorCode, message, null, null);
    }

    RestError(int status, String errorCode, String message, String reason, String domain) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.reason = reason;
        this.domain = domain;
    }

    /** Adds a {@code Retry-After: <seconds>} header to the answer. */
    RestError retryAfter(long seconds) {
        retryAfterSeconds = seconds;
        return this;
    }

    /** The Retry-After seconds, or -1 for none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    /** The {@code ErrorInfo.reason}, or null for an error without an ErrorInfo detail. */
    String reason() {
        return reason;
    }

    String domain() {
        return domain;
    }

    static RestError invalidParameter(String message) {
        return new RestError(400, "INVALID_PARAMETER_VALUE", message);
    }

    static RestError invalidState(String message) {
        return new RestError(400, "INVALID_STATE", message);
    }

    static RestError notFound(String message) {
        return new RestError(404, "NOT_FOUND", message);
    }

    static RestError permissionDenied(String message) {
        return new RestError(403, "PERMISSION_DENIED", message);
    }
}
