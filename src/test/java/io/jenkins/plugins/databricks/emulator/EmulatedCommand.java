package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;
import java.util.Map;

/** A live handle on one command. Mutable fields are guarded by the {@link Workspace} lock. */
public final class EmulatedCommand {

    private final Workspace workspace;
    private final String id;
    private final String clusterId;
    private final String contextId;
    private final String language;
    private final String text;
    final CommandScript script;

    CommandStatus status = CommandStatus.QUEUED;
    /** When the current state ends on its own; null while it waits for something else (hang, cancel). */
    Instant transitionAt;

    Map<String, Object> results;
    boolean cancelRequested;

    EmulatedCommand(
            Workspace workspace,
            String id,
            String clusterId,
            String contextId,
            String language,
            String text,
            CommandScript script) {
        this.workspace = workspace;
        this.id = id;
        this.clusterId = clusterId;
        this.contextId = contextId;
        this.language = language;
        this.text = text;
        this.script = script;
    }

    public String id() {
        return id;
    }

    public String clusterId() {
        return clusterId;
    }

    public String contextId() {
        return contextId;
    }

    public String language() {
        return language;
    }

    /** The command text as received (form/JSON field or the multipart file part named {@code command}). */
    public String text() {
        return text;
    }

    public CommandStatus status() {
        return workspace.read(() -> status);
    }

    /** The {@code results} object as it would be serialized now, or null while there is none. */
    public Map<String, Object> results() {
        return workspace.read(() -> results);
    }

    /** True once {@code commands/cancel} was called for it. */
    public boolean cancelRequested() {
        return workspace.read(() -> cancelRequested);
    }

    @Override
    public String toString() {
        return "EmulatedCommand[" + id + " in " + contextId + "]";
    }
}
