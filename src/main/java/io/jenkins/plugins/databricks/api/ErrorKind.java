package io.jenkins.plugins.databricks.api;

import java.util.regex.Pattern;

/**
 * What kind of failure a {@link DatabricksApiException} is, the way the Databricks SDKs classify it: the HTTP status
 * gives the broad kind, a known {@code error_code} refines it (so {@link #RESOURCE_DOES_NOT_EXIST} is also a
 * {@link #NOT_FOUND}, see {@link #is(ErrorKind)}). Callers branch on this instead of on status numbers or message text.
 */
public enum ErrorKind {
    /** No answer at all: the connection failed or timed out. */
    NO_ANSWER(null),
    /** An error status (or unusable answer) none of the others describe. */
    OTHER(null),
    BAD_REQUEST(null),
    UNAUTHENTICATED(null),
    PERMISSION_DENIED(null),
    NOT_FOUND(null),
    RESOURCE_CONFLICT(null),
    TOO_MANY_REQUESTS(null),
    CANCELLED(null),
    INTERNAL_ERROR(null),
    NOT_IMPLEMENTED(null),
    TEMPORARILY_UNAVAILABLE(null),
    DEADLINE_EXCEEDED(null),
    INVALID_PARAMETER_VALUE(BAD_REQUEST),
    /** The target is in the wrong state for the call, e.g. restarting a cluster that is not running. */
    INVALID_STATE(BAD_REQUEST),
    RESOURCE_DOES_NOT_EXIST(NOT_FOUND),
    ABORTED(RESOURCE_CONFLICT),
    ALREADY_EXISTS(RESOURCE_CONFLICT),
    RESOURCE_ALREADY_EXISTS(RESOURCE_CONFLICT),
    RESOURCE_EXHAUSTED(TOO_MANY_REQUESTS),
    REQUEST_LIMIT_EXCEEDED(TOO_MANY_REQUESTS),
    UNKNOWN(INTERNAL_ERROR),
    DATA_LOSS(INTERNAL_ERROR);

    /** {@code clusters/get} answers a missing id with 400 INVALID_PARAMETER_VALUE; the SDKs read it as not found. */
    private static final Pattern MISSING_CLUSTER = Pattern.compile("Cluster .* does not exist");

    private final ErrorKind parent;

    ErrorKind(ErrorKind parent) {
        this.parent = parent;
    }

    /** Whether this is {@code kind} or a refinement of it. */
    public boolean is(ErrorKind kind) {
        return this == kind || parent == kind;
    }

    /**
     * Classifies a failure.
     *
     * @param endpoint method and path, e.g. {@code GET /api/2.1/clusters/get}
     * @param status the HTTP status, 0 for no answer
     * @param errorCode the server's {@code error_code} or 1.2 exception name, or {@code null}
     * @param message the server's text, or {@code null}
     */
    static ErrorKind of(String endpoint, int status, String errorCode, String message) {
        if (status == 0) {
            return NO_ANSWER;
        }
        ErrorKind byCode = byCode(errorCode);
        if (byCode == INVALID_PARAMETER_VALUE
                && status == 400
                && endpoint != null
                && endpoint.matches("GET /api/2\\.\\d/clusters/get")
                && message != null
                && MISSING_CLUSTER.matcher(message).find()) {
            return RESOURCE_DOES_NOT_EXIST;
        }
        if (byCode != null) {
            return byCode;
        }
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> PERMISSION_DENIED;
            case 404 -> NOT_FOUND;
            case 409 -> RESOURCE_CONFLICT;
            case 429 -> TOO_MANY_REQUESTS;
            case 499 -> CANCELLED;
            case 500 -> INTERNAL_ERROR;
            case 501 -> NOT_IMPLEMENTED;
            case 503 -> TEMPORARILY_UNAVAILABLE;
            case 504 -> DEADLINE_EXCEEDED;
            default -> OTHER;
        };
    }

    private static ErrorKind byCode(String errorCode) {
        if (errorCode == null) {
            return null;
        }
        return switch (errorCode) {
            case "INVALID_PARAMETER_VALUE" -> INVALID_PARAMETER_VALUE;
            case "INVALID_STATE" -> INVALID_STATE;
            case "RESOURCE_DOES_NOT_EXIST" -> RESOURCE_DOES_NOT_EXIST;
            case "ABORTED" -> ABORTED;
            case "ALREADY_EXISTS" -> ALREADY_EXISTS;
            case "RESOURCE_ALREADY_EXISTS" -> RESOURCE_ALREADY_EXISTS;
            case "RESOURCE_EXHAUSTED" -> RESOURCE_EXHAUSTED;
            case "REQUEST_LIMIT_EXCEEDED" -> REQUEST_LIMIT_EXCEEDED;
            case "UNKNOWN" -> UNKNOWN;
            case "DATA_LOSS" -> DATA_LOSS;
            case "PERMISSION_DENIED" -> PERMISSION_DENIED;
            case "UNAUTHENTICATED" -> UNAUTHENTICATED;
            case "NOT_FOUND" -> NOT_FOUND;
            case "TEMPORARILY_UNAVAILABLE" -> TEMPORARILY_UNAVAILABLE;
            case "DEADLINE_EXCEEDED" -> DEADLINE_EXCEEDED;
            case "BAD_REQUEST" -> BAD_REQUEST;
            case "NOT_IMPLEMENTED" -> NOT_IMPLEMENTED;
            case "CANCELLED" -> CANCELLED;
            case "INTERNAL_ERROR" -> INTERNAL_ERROR;
            default -> null;
        };
    }
}
