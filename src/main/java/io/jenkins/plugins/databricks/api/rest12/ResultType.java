package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.databricks.api.WireNames;

/** The kind of a finished command's result ({@code results.resultType}). Unknown words map to {@link #UNKNOWN}. */
public enum ResultType {
    TEXT("text"),
    TABLE("table"),
    ERROR("error"),
    IMAGE("image"),
    IMAGES("images"),
    /** A value this client does not know (a newer server, or none at all). */
    UNKNOWN("");

    private final String wire;

    ResultType(String wire) {
        this.wire = wire;
    }

    /** The word as Databricks sends it. */
    @JsonValue
    public String wireValue() {
        return wire;
    }

    /** Never fails: unknown or missing values become {@link #UNKNOWN}. */
    @JsonCreator
    public static ResultType fromWire(String value) {
        return WireNames.lookup(values(), value, UNKNOWN, ResultType::wireValue);
    }
}
