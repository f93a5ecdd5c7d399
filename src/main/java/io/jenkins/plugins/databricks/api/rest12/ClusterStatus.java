package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.databricks.api.WireNames;

/** The state of a cluster in REST 1.2 ({@code clusters/list}, {@code clusters/status}). Unknown words map to {@link #UNKNOWN}. */
public enum ClusterStatus {
    PENDING("Pending"),
    RUNNING("Running"),
    RECONFIGURING("Reconfiguring"),
    TERMINATING("Terminating"),
    TERMINATED("Terminated"),
    ERROR("Error"),
    /** A value this client does not know (a newer server, or none at all). */
    UNKNOWN("");

    private final String wire;

    ClusterStatus(String wire) {
        this.wire = wire;
    }

    /** The word as Databricks sends it. */
    @JsonValue
    public String wireValue() {
        return wire;
    }

    /** Never fails: unknown or missing values become {@link #UNKNOWN}. */
    @JsonCreator
    public static ClusterStatus fromWire(String value) {
        return WireNames.lookup(values(), value, UNKNOWN, ClusterStatus::wireValue);
    }
}
