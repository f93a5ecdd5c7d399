package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    /** When the cluster last entered a running state (2.x {@code start_time} / {@code last_restarted_time}). */
    Instant startedAt;

    String sparkVersion = "15.4.x-scala2.12";
    AccessMode accessMode = AccessMode.USER_ISOLATION;
    String singleUserName;
    ClusterSource source = ClusterSource.UI;
    boolean pinned;
    String policyId;

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

    public String sparkVersion() {
        return workspace.read(() -> sparkVersion);
    }

    /** The Databricks Runtime version string, e.g. {@code 15.4.x-scala2.12} (the default). */
    public EmulatedCluster sparkVersion(String value) {
        workspace.configure(() -> sparkVersion = value);
        return this;
    }

    public AccessMode accessMode() {
        return workspace.read(() -> accessMode);
    }

    /** The access mode; default {@link AccessMode#USER_ISOLATION} (standard: jars need the allowlist). */
    public EmulatedCluster accessMode(AccessMode value) {
        workspace.configure(() -> accessMode = value);
        return this;
    }

    public String singleUserName() {
        return workspace.read(() -> singleUserName);
    }

    /** Makes this a dedicated cluster ({@link AccessMode#SINGLE_USER}) assigned to {@code userName}. */
    public EmulatedCluster singleUser(String userName) {
        workspace.configure(() -> {
            accessMode = AccessMode.SINGLE_USER;
            singleUserName = userName;
        });
        return this;
    }

    public ClusterSource source() {
        return workspace.read(() -> source);
    }

    /** What created the cluster; default {@link ClusterSource#UI}. */
    public EmulatedCluster source(ClusterSource value) {
        workspace.configure(() -> source = value);
        return this;
    }

    public EmulatedCluster pinned(boolean value) {
        workspace.configure(() -> pinned = value);
        return this;
    }

    public EmulatedCluster policyId(String value) {
        workspace.configure(() -> policyId = value);
        return this;
    }

    /**
     * The Libraries 2.0 statuses now, as {@code cluster-status} reports them, keyed by the library's string form
     * ({@code jar:/Volumes/...}), in the reported order.
     */
    public Map<String, LibraryStatus> libraryStatuses() {
        return workspace.read(() -> {
            Map<String, LibraryStatus> out = new LinkedHashMap<>();
            workspace.libraryStatuses(id).forEach(r -> out.put(ClusterLibraries.key(r.library()), r.status()));
            return out;
        });
    }

    /** The Libraries 2.0 jar paths loaded in this cluster's JVM now (an uninstalled one stays until restart). */
    public List<String> loadedJars() {
        return workspace.read(() -> workspace.loadedJars(id));
    }

    @Override
    public String toString() {
        return "EmulatedCluster[" + id + " '" + name + "']";
    }
}
