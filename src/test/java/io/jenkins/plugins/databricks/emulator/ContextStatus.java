package io.jenkins.plugins.databricks.emulator;

/** 1.2 execution context states. */
public enum ContextStatus {
    PENDING("Pending"),
    RUNNING("Running"),
    ERROR("Error");

    private final String wire;

    ContextStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
