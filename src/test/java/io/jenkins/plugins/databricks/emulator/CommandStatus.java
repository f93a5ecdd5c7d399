package io.jenkins.plugins.databricks.emulator;

/** 1.2 command states. */
public enum CommandStatus {
    QUEUED("Queued"),
    RUNNING("Running"),
    CANCELLING("Cancelling"),
    FINISHED("Finished"),
    CANCELLED("Cancelled"),
    ERROR("Error");

    private final String wire;

    CommandStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean isFinal() {
        return this == FINISHED || this == CANCELLED || this == ERROR;
    }
}
