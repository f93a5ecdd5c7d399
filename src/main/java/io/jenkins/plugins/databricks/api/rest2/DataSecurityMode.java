package io.jenkins.plugins.databricks.api.rest2;

import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A cluster's access mode ({@code data_security_mode}), with the current names and their legacy aliases, and
 * {@link #UNKNOWN} for a word this client does not know.
 */
public enum DataSecurityMode {
    /** Databricks picks the mode; read the resolved one from the cluster. */
    DATA_SECURITY_MODE_AUTO,
    /** Standard (formerly shared): multi-user, jars must be on the Unity Catalog allowlist. */
    DATA_SECURITY_MODE_STANDARD,
    /** Dedicated (formerly single user): only {@code single_user_name} may use it. */
    DATA_SECURITY_MODE_DEDICATED,
    /** Legacy name of {@link #DATA_SECURITY_MODE_STANDARD}. */
    USER_ISOLATION,
    /** Legacy name of {@link #DATA_SECURITY_MODE_DEDICATED}. */
    SINGLE_USER,
    /** No isolation: no Unity Catalog, and no volumes. */
    NONE,
    LEGACY_TABLE_ACL,
    LEGACY_PASSTHROUGH,
    LEGACY_SINGLE_USER,
    LEGACY_SINGLE_USER_STANDARD,
    /** A word this client does not know (or none was sent). */
    UNKNOWN;

    /** Never fails: an unknown or missing word is {@link #UNKNOWN}. */
    public static DataSecurityMode fromWire(String word) {
        return WireNames.exact(values(), word, UNKNOWN);
    }

    /** Standard access mode under either name: jar paths must be allowlisted. */
    public boolean isStandard() {
        return this == DATA_SECURITY_MODE_STANDARD || this == USER_ISOLATION;
    }

    /** Dedicated access mode under either name: one principal only. */
    public boolean isDedicated() {
        return this == DATA_SECURITY_MODE_DEDICATED || this == SINGLE_USER;
    }
}
