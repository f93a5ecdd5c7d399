package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * Where a run is in its life: {@code status.state} of the current API, or the deprecated {@code
 * state.life_cycle_state} (which adds {@link #SKIPPED}, {@link #INTERNAL_ERROR} and {@link #WAITING_FOR_RETRY}).
 * Unknown words map to {@link #UNKNOWN}; the records keep the server's word.
 */
public enum RunLifecycleState {
    QUEUED,
    BLOCKED,
    WAITING,
    WAITING_FOR_RETRY,
    PENDING,
    RUNNING,
    TERMINATING,
    TERMINATED,
    SKIPPED,
    INTERNAL_ERROR,
    /** A value this client does not know (a newer server, or none at all). */
    UNKNOWN;

    /** Whether the run will not change state any more. */
    public boolean isFinal() {
        return this == TERMINATED || this == SKIPPED || this == INTERNAL_ERROR;
    }

    /** Never fails: unknown or missing values become {@link #UNKNOWN}. */
    @JsonCreator
    public static RunLifecycleState fromWire(String value) {
        return WireNames.exact(values(), value, UNKNOWN);
    }
}
