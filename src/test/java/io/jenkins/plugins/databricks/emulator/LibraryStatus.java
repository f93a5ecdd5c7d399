package io.jenkins.plugins.databricks.emulator;

/** The Libraries 2.0 status words, as on the wire ({@code name()}). The emulator emits all but SKIPPED and RESOLVING. */
public enum LibraryStatus {
    PENDING,
    RESOLVING,
    INSTALLING,
    INSTALLED,
    FAILED,
    SKIPPED,
    UNINSTALL_ON_RESTART,
    RESTORED
}
