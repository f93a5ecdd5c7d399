package io.jenkins.plugins.databricks.emulator;

/** The 1.2 cluster states (sbt-databricks vocabulary); {@link #wire()} is the string on the wire. */
public enum ClusterState {
    PENDING("Pending"),
    RUNNING("Running"),
    RECONFIGURING("Reconfiguring"),
    TERMINATING("Terminating"),
    TERMINATED("Terminated"),
    ERROR("Error");

    private final String wire;

    ClusterState(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
