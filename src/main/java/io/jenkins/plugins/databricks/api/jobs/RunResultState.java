package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.jenkins.plugins.databricks.api.WireNames;

/** The deprecated {@code state.result_state} of a finished run; unknown words map to {@link #UNKNOWN}. */
public enum RunResultState {
    SUCCESS,
    SUCCESS_WITH_FAILURES,
    FAILED,
    TIMEDOUT,
    CANCELED,
    MAXIMUM_CONCURRENT_RUNS_REACHED,
    EXCLUDED,
    UPSTREAM_FAILED,
    UPSTREAM_CANCELED,
    DISABLED,
    /** A value this client does not know, or none (the run is not finished). */
    UNKNOWN;

    @JsonCreator
    public static RunResultState fromWire(String value) {
        return WireNames.exact(values(), value, UNKNOWN);
    }
}
