package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.databricks.api.WireNames;

/** The state of an execution context ({@code contexts/status}). Unknown words map to {@link #UNKNOWN}. */
public enum ContextStatus {
    PENDING("Pending"),
    RUNNING("Running"),
    ERROR("Error"),
    /** A value this client does not know (a newer server, or none at all). */
    UNKNOWN("");

    private final String wire;

    ContextStatus(String wire) {
        this.wire = wire;
    }

    /** The word as Databricks sends it. */
    @JsonValue
    public String wireValue() {
        return wire;
    }

    /** Never fails: unknown or missing values become {@link #UNKNOWN}. */
    @JsonCreator
    public static ContextStatus fromWire(String value) {
        return WireNames.lookup(values(), value, UNKNOWN, ContextStatus::wireValue);
    }
}
