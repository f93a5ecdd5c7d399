package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.databricks.api.WireNames;

/** The state of a command ({@code commands/status}). Unknown words map to {@link #UNKNOWN}. */
public enum CommandStatus {
    QUEUED("Queued"),
    RUNNING("Running"),
    CANCELLING("Cancelling"),
    FINISHED("Finished"),
    CANCELLED("Cancelled"),
    ERROR("Error"),
    /** A value this client does not know (a newer server, or none at all). */
    UNKNOWN("");

    private final String wire;

    CommandStatus(String wire) {
        this.wire = wire;
    }

    /** The word as Databricks sends it. */
    @JsonValue
    public String wireValue() {
        return wire;
    }

    /**
     * Whether the command will not change state any more. A failed user command is {@link #FINISHED} with an
     * {@link ResultType#ERROR} result; a cancelled one ends {@link #CANCELLED} or, on newer servers, {@link #FINISHED}
     * with an error result.
     */
    public boolean isTerminal() {
        return this == FINISHED || this == CANCELLED || this == ERROR;
    }

    /** Never fails: unknown or missing values become {@link #UNKNOWN}. */
    @JsonCreator
    public static CommandStatus fromWire(String value) {
        return WireNames.lookup(values(), value, UNKNOWN, CommandStatus::wireValue);
    }
}
