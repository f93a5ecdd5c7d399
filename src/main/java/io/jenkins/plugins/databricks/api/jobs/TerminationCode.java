package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * Why a run ended ({@code status.termination_details.code}). Only {@link #SUCCESS} means the task completed; the
 * service adds codes over time, so anything else, {@link #UNKNOWN} included, is a failure whose word the records keep.
 */
public enum TerminationCode {
    SUCCESS,
    SUCCESS_WITH_FAILURES,
    USER_CANCELED,
    CANCELED,
    SKIPPED,
    DISABLED,
    RUN_EXECUTION_ERROR,
    LIBRARY_INSTALLATION_ERROR,
    CLUSTER_ERROR,
    CLUSTER_TERMINATED_BY_USER,
    DRIVER_ERROR,
    INTERNAL_ERROR,
    INVALID_CLUSTER_REQUEST,
    INVALID_RUN_CONFIGURATION,
    RESOURCE_NOT_FOUND,
    UNAUTHORIZED_ERROR,
    MAX_SPARK_CONTEXTS_EXCEEDED,
    MAX_CONCURRENT_RUNS_EXCEEDED,
    MAX_JOB_QUEUE_SIZE_EXCEEDED,
    WORKSPACE_RUN_LIMIT_EXCEEDED,
    CLUSTER_REQUEST_LIMIT_EXCEEDED,
    FEATURE_DISABLED,
    STORAGE_ACCESS_ERROR,
    CLOUD_FAILURE,
    REPOSITORY_CHECKOUT_FAILED,
    BUDGET_POLICY_LIMIT_EXCEEDED,
    BREAKING_CHANGE,
    /** A code this client does not know (a newer server, or none at all). */
    UNKNOWN;

    /** Never fails: unknown or missing values become {@link #UNKNOWN}; whole words only (no suffix matching). */
    @JsonCreator
    public static TerminationCode fromWire(String value) {
        return WireNames.exact(values(), value, UNKNOWN);
    }
}
