package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A live handle on one task run of an emulated Jobs run. Mutable fields are guarded by the {@link JobRuns} lock; reads
 * evaluate due transitions first.
 */
public final class EmulatedTaskRun {

    /** Finer than the wire's lifecycle: the three first phases all read as {@code PENDING}. */
    enum Phase {
        WAITING_FOR_CLUSTER,
        INSTALLING_LIBRARIES,
        SETTING_UP,
        RUNNING,
        TERMINATING,
        TERMINATED;

        String lifecycle() {
            return switch (this) {
                case WAITING_FOR_CLUSTER, INSTALLING_LIBRARIES, SETTING_UP -> "PENDING";
                default -> name();
            };
        }
    }

    private final JobRuns runs;
    private final long runId;
    private final String taskKey;
    private final String clusterId;
    private final String mainClass;
    private final List<String> parameters;
    private final List<String> jars;
    private final String caller;
    final RunScript script;
    final Instant startTime;

    Phase phase = Phase.WAITING_FOR_CLUSTER;
    /** When the current phase ends on its own; null while it waits for something else. */
    Instant transitionAt;
    /** When the cluster last came up, as the task first saw it running: a change means it went away meanwhile. */
    Instant clusterStartedAt;

    boolean clusterStartRequested;
    final List<TaskLibraries.InstalledJar> installed = new ArrayList<>();
    RunTermination termination;
    Instant endTime;
    String logs = "";
    boolean logsTruncated;
    String error;
    String errorTrace;
    boolean cancelRequested;

    EmulatedTaskRun(
            JobRuns runs,
            long runId,
            String taskKey,
            String clusterId,
            String mainClass,
            List<String> parameters,
            List<String> jars,
            String caller,
            Instant startTime) {
        this.runs = runs;
        this.runId = runId;
        this.taskKey = taskKey;
        this.clusterId = clusterId;
        this.mainClass = mainClass;
        this.parameters = List.copyOf(parameters);
        this.jars = List.copyOf(jars);
        this.caller = caller;
        this.script = RunScript.parse(parameters, clusterId);
        this.startTime = startTime;
    }

    public long runId() {
        return runId;
    }

    public String taskKey() {
        return taskKey;
    }

    public String clusterId() {
        return clusterId;
    }

    public String mainClass() {
        return mainClass;
    }

    public List<String> parameters() {
        return parameters;
    }

    /** The task's {@code libraries}, as submitted. */
    public List<String> jars() {
        return jars;
    }

    /** Who submitted it: libraries are installed as that identity. */
    public String caller() {
        return caller;
    }

    /** {@code PENDING}, {@code RUNNING}, {@code TERMINATING} or {@code TERMINATED}, as {@code runs/get} says now. */
    public String lifecycle() {
        return runs.read(() -> phase.lifecycle());
    }

    /** How it ended; null until it is terminating. */
    public RunTermination termination() {
        return runs.read(() -> termination);
    }

    public String logs() {
        return runs.read(() -> logs);
    }

    public boolean cancelRequested() {
        return runs.read(() -> cancelRequested);
    }

    boolean isFinal() {
        return phase == Phase.TERMINATED;
    }

    boolean isEnding() {
        return phase == Phase.TERMINATING || phase == Phase.TERMINATED;
    }

    @Override
    public String toString() {
        return "EmulatedTaskRun[" + runId + " " + taskKey + " on " + clusterId + "]";
    }
}
