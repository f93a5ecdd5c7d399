package io.jenkins.plugins.databricks.deploy;

import java.util.List;

/**
 * A library's status on one cluster, in the engine's words, with the server's own word kept for the log (so an
 * undocumented word is shown as it came, never as "unknown"). Each backend maps its wire words onto a {@link Phase};
 * the engine decides only on the phase.
 *
 * @param word the server's word ({@code Attached}, {@code INSTALLED}, {@code UNINSTALL_ON_RESTART} ...), or the
 *     engine's {@link #NOT_ATTACHED} when the cluster does not list the library
 * @param messages what the server said about it (2.x {@code messages}: why it FAILED); empty when it said nothing
 */
public record InstallStatus(Phase phase, String word, List<String> messages) {

    /** The word for a library a cluster does not list at all. */
    public static final String NOT_ATTACHED = "not attached";

    public static final InstallStatus ABSENT = new InstallStatus(Phase.ABSENT, NOT_ATTACHED, List.of());

    /** Where a library stands on one cluster. */
    public enum Phase {
        /** Installed and usable: 1.2 {@code Attached}; 2.x {@code INSTALLED} (and {@code SKIPPED}, {@code RESTORED}). */
        INSTALLED,
        /**
         * Wanted there and not installed yet, or in a state the backend does not document: 1.2 anything but Attached
         * or Detached; 2.x {@code PENDING}, {@code RESOLVING}, {@code INSTALLING}. Counts as present: it is (or will
         * be) loaded.
         */
        PENDING,
        /** Wanted there, and the cluster is not running: it installs at the next start. */
        QUEUED,
        /** Uninstalled while loaded: it leaves at the next restart (2.x {@code UNINSTALL_ON_RESTART}). */
        REMOVED_AT_RESTART,
        /** Installing failed; {@link #messages()} says why (2.x {@code FAILED}). */
        FAILED,
        /** Not there: 1.2 {@code Detached}, or not listed for that cluster at all. */
        ABSENT
    }

    public InstallStatus {
        messages = List.copyOf(messages);
    }

    /** The cluster has this library or will load it: anything but absent. */
    public boolean present() {
        return phase != Phase.ABSENT;
    }

    /**
     * As it stands on that cluster now: a library waiting on a cluster that is not running is queued for its next
     * start, whatever word the server uses for that.
     */
    InstallStatus on(RemoteCluster cluster) {
        return phase == Phase.PENDING && !cluster.isRunning() ? new InstallStatus(Phase.QUEUED, word, messages) : this;
    }

    @Override
    public String toString() {
        return messages.isEmpty() ? word : word + " (" + String.join("; ", messages) + ")";
    }
}
