package io.jenkins.plugins.databricks.emulator;

/**
 * A cluster's {@code data_security_mode}, every value of the 2.x enum; {@link #isStandard()} and {@link
 * #isDedicated()} group the legacy aliases with the new names.
 */
public enum AccessMode {
    DATA_SECURITY_MODE_AUTO,
    DATA_SECURITY_MODE_STANDARD,
    DATA_SECURITY_MODE_DEDICATED,
    NONE,
    SINGLE_USER,
    USER_ISOLATION,
    LEGACY_TABLE_ACL,
    LEGACY_PASSTHROUGH,
    LEGACY_SINGLE_USER,
    LEGACY_SINGLE_USER_STANDARD;

    /** Standard (formerly shared): jars must be on the artifact allowlist. */
    public boolean isStandard() {
        return this == USER_ISOLATION || this == DATA_SECURITY_MODE_STANDARD;
    }

    /** Dedicated (formerly single user): only {@code single_user_name} may run code on it. */
    public boolean isDedicated() {
        return this == SINGLE_USER || this == DATA_SECURITY_MODE_DEDICATED;
    }

    /** No isolation shared: no Unity Catalog, so no volumes. */
    public boolean isNoIsolation() {
        return this == NONE;
    }
}
