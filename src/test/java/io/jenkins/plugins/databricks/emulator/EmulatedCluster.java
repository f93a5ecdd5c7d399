package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;

/**
 * A live handle on one emulated cluster. Reads evaluate pending time-based transitions first, so {@link #state()} is
 * what a {@code clusters/status} call would answer now. Mutable fields are guarded by the {@link Workspace} lock.
 */
public final class EmulatedCluster {

    private final Workspace workspace;
    private final String id;
    private final String name;
    private final String driverIp;
    private final int numWorkers;

    ClusterState status;
    /** When the current transitional state ends, or null when the state is stable. */
    Instant transitionAt;

    ClusterState nextStatus;
    int restarts;

    EmulatedCluster(Workspace workspace, String id, String name, ClusterState status, int ordinal) {
        this.workspace = workspace;
        this.id = id;
        this.name = name;
        this.status = status;
        this.driverIp = "10.0.0." + (10 + ordinal % 240);
        this.numWorkers = 2;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String driverIp() {
        return driverIp;
    }

    public int numWorkers() {
        return numWorkers;
    }

    /** The state now (after evaluating due transitions). */
    public ClusterState state() {
        return workspace.read(() -> status);
    }

    /** How many times {@code clusters/restart} restarted or started this cluster. */
    public int restartCount() {
        return workspace.read(() -> restarts);
    }

    /**
     * Forces a state, as the platform might (e.g. {@link ClusterState#ERROR} or an out-of-band termination). Leaving
     * {@code Running} unloads its libraries and fails its contexts, exactly as a restart does; entering it loads them.
     */
    public EmulatedCluster forceState(ClusterState newState) {
        workspace.forceClusterState(this, newState);
        return this;
    }

    @Override
    public String toString() {
        return "EmulatedCluster[" + id + " '" + name + "']";
    }
}
