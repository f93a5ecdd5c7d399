package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;

/** A live handle on one execution context. Mutable fields are guarded by the {@link Workspace} lock. */
public final class EmulatedContext {

    private final Workspace workspace;
    private final String id;
    private final String clusterId;
    private final String language;

    ContextStatus status = ContextStatus.PENDING;
    Instant readyAt;
    boolean failsAtStart;
    boolean destroyed;

    EmulatedContext(Workspace workspace, String id, String clusterId, String language) {
        this.workspace = workspace;
        this.id = id;
        this.clusterId = clusterId;
        this.language = language;
    }

    /** A 19-digit numeric string, like the real ones (too big for a double: keep it a string). */
    public String id() {
        return id;
    }

    public String clusterId() {
        return clusterId;
    }

    public String language() {
        return language;
    }

    public ContextStatus status() {
        return workspace.read(() -> status);
    }

    /** True once {@code contexts/destroy} was called for it. */
    public boolean destroyed() {
        return workspace.read(() -> destroyed);
    }

    @Override
    public String toString() {
        return "EmulatedContext[" + id + " on " + clusterId + "]";
    }
}
