package io.jenkins.plugins.databricks.emulator;

/**
 * Per-cluster status of a library in {@code libraries/status}. Only {@code Attached} and {@code Detached} are
 * evidenced for the real 1.2 API; every other string here is the emulator's own documented choice, because the real
 * strings are unknown. A client should treat anything other than {@code Attached} / {@code Detached} as "not settled".
 */
public enum LibraryClusterStatus {
    /** Loaded on the running cluster. Real string. */
    ATTACHED("Attached"),
    /** Not wanted and not loaded. Real string; the emulator lists every known cluster, unrelated ones as Detached. */
    DETACHED("Detached"),
    /** Wanted on a cluster that is not running; becomes Attached once it runs. Emulator's choice (real unknown). */
    PENDING("Pending"),
    /** Wanted on a running cluster but not loaded yet ({@link Settings#attachDelay}). Emulator's choice. */
    INSTALLING("Installing"),
    /** Detached while loaded on a running cluster; goes away at that cluster's restart. Emulator's choice. */
    DETACH_PENDING("DetachPending"),
    /** Library deleted while loaded on a running cluster ("deleted pending restart" in the old UI). Emulator's choice. */
    DELETED_PENDING_RESTART("DeletedPendingRestart");

    private final String wire;

    LibraryClusterStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
