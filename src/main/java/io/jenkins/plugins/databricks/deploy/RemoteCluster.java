package io.jenkins.plugins.databricks.deploy;

import java.util.Locale;

/** A cluster as Databricks lists it; {@code state} is the wire word (Running, Terminated, ...). */
public record RemoteCluster(String id, String name, String state) {

    public boolean isRunning() {
        return is("Running");
    }

    public boolean isTerminated() {
        return is("Terminated") || is("Terminating");
    }

    /** On its way to Running (Pending, Restarting, Resizing): what it will run is not settled yet. */
    public boolean isSettling() {
        return is("Pending") || is("Restarting") || is("Resizing");
    }

    /** Error: the cluster cannot come up without a human. */
    public boolean isFailed() {
        return is("Error");
    }

    private boolean is(String wire) {
        return state != null && state.replace("_", "").toLowerCase(Locale.ROOT).equals(wire.toLowerCase(Locale.ROOT));
    }

    /** How the build log names it: {@code etl (0123-456789-abc)}. */
    public String label() {
        return name + " (" + id + ")";
    }

    @Override
    public String toString() {
        return name + " (" + id + ", " + state + ")";
    }
}
