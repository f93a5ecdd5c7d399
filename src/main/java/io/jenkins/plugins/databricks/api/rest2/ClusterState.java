package io.jenkins.plugins.databricks.api.rest2;

import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A cluster's state (Clusters API 2.1 {@code state}). {@link #UNKNOWN} is both the server's own word and the value
 * for a word this client does not know; {@link ClusterDetails#stateWord()} keeps what was sent.
 */
public enum ClusterState {
    PENDING,
    RUNNING,
    RESTARTING,
    RESIZING,
    TERMINATING,
    TERMINATED,
    ERROR,
    UNKNOWN;

    /** Never fails: an unknown or missing word is {@link #UNKNOWN}. */
    public static ClusterState fromWire(String word) {
        return WireNames.exact(values(), word, UNKNOWN);
    }

    /** On its way to RUNNING (PENDING, RESTARTING, RESIZING): wait, do not start or restart it. */
    public boolean settling() {
        return this == PENDING || this == RESTARTING || this == RESIZING;
    }
}
