package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.databricks.api.WireNames;

/** A library's state on one cluster ({@code libraries/status} {@code statuses[].status}); only Attached and Detached are documented. Unknown words map to {@link #UNKNOWN}. */
public enum LibraryAttachStatus {
    ATTACHED("Attached"),
    DETACHED("Detached"),
    /** A value this client does not know (a newer server, or none at all). */
    UNKNOWN("");

    private final String wire;

    LibraryAttachStatus(String wire) {
        this.wire = wire;
    }

    /** The word as Databricks sends it. */
    @JsonValue
    public String wireValue() {
        return wire;
    }

    /** Never fails: unknown or missing values become {@link #UNKNOWN}. */
    @JsonCreator
    public static LibraryAttachStatus fromWire(String value) {
        return WireNames.lookup(values(), value, UNKNOWN, LibraryAttachStatus::wireValue);
    }
}
