package io.jenkins.plugins.databricks.emulator;

/**
 * The cluster states of both faces: {@link #wire()} is the 1.2 string (sbt-databricks vocabulary), {@link #rest2()}
 * the Clusters 2.x one. {@code RESTARTING} exists only since 2.x; the 1.2 face shows it as {@code Pending} (the
 * emulator's choice: 1.2 had no word for it that we know of).
 */
public enum ClusterState {
    PENDING("Pending", "PENDING"),
    RUNNING("Running", "RUNNING"),
    RECONFIGURING("Reconfiguring", "RESIZING"),
    RESTARTING("Pending", "RESTARTING"),
    TERMINATING("Terminating", "TERMINATING"),
    TERMINATED("Terminated", "TERMINATED"),
    ERROR("Error", "ERROR");

    private final String wire;
    private final String rest2;

    ClusterState(String wire, String rest2) {
        this.wire = wire;
        this.rest2 = rest2;
    }

    /** The 1.2 string. */
    public String wire() {
        return wire;
    }

    /** The Clusters 2.x string. */
    public String rest2() {
        return rest2;
    }
}
