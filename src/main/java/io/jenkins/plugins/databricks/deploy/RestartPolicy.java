package io.jenkins.plugins.databricks.deploy;

import java.util.Locale;
import java.util.Optional;

/**
 * When the deploy restarts a target cluster. A JVM cannot unload a loaded jar: on a running cluster that had an old
 * version attached, the old classes keep running until the cluster restarts.
 */
public enum RestartPolicy {
    /** Never restart; a running cluster that had the old version keeps running the old classes (the log says so). */
    NEVER,
    /**
     * Restart the running target clusters that had an old version attached, because only a restart loads the new
     * classes there. Clusters without an old version get the new jar live; terminated clusters are not started.
     */
    IF_RUNNING,
    /** Restart every target cluster, and start the terminated ones. */
    ALWAYS;

    /** Accepts {@code never}, {@code ifRunning}, {@code if_running}, {@code IF-RUNNING}, ... (case-insensitive). */
    public static Optional<RestartPolicy> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String key = text.trim().replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
        for (RestartPolicy policy : values()) {
            if (policy.name().replace("_", "").equals(key)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
