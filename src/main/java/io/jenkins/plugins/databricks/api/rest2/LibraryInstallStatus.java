package io.jenkins.plugins.databricks.api.rest2;

import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A library's status on one cluster (Libraries API 2.0 {@code library_statuses[].status}): every documented word, and
 * {@link #UNKNOWN} for one this client does not know, never a failure to parse.
 */
public enum LibraryInstallStatus {
    /** Nothing done yet; short-lived. */
    PENDING,
    /** Fetching metadata from a repository; a no-op for a jar. */
    RESOLVING,
    /** Being added to Spark and installed on the nodes. */
    INSTALLING,
    /** Installed and usable. */
    INSTALLED,
    /** A step failed; the messages say which. */
    FAILED,
    /** The library manager skipped it (e.g. incompatible with the runtime). */
    SKIPPED,
    /** Marked for removal; it leaves at the next restart. */
    UNINSTALL_ON_RESTART,
    /** The installation was restored and can be used. */
    RESTORED,
    /** A word this client does not know; the record keeps the word itself. */
    UNKNOWN;

    /** Never fails: an unknown or missing word is {@link #UNKNOWN}. */
    public static LibraryInstallStatus fromWire(String word) {
        return WireNames.exact(values(), word, UNKNOWN);
    }

    /** Still on its way (PENDING, RESOLVING, INSTALLING): a waiter keeps waiting. */
    public boolean inProgress() {
        return this == PENDING || this == RESOLVING || this == INSTALLING;
    }
}
