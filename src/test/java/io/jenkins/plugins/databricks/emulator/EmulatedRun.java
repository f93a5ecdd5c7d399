package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;
import java.util.List;

/**
 * A live handle on one emulated one-time run ({@code runs/submit}). Its state is its tasks' state: pending while all
 * are, terminated when all are, and it ends as its first task that did not succeed (else {@code SUCCESS}).
 */
public final class EmulatedRun {

    private final JobRuns runs;
    private final long runId;
    private final long jobId;
    private final String runName;
    private final String idempotencyToken;
    private final long timeoutSeconds;
    final List<EmulatedTaskRun> tasks;
    final Instant startTime;

    EmulatedRun(
            JobRuns runs,
            long runId,
            long jobId,
            String runName,
            String idempotencyToken,
            long timeoutSeconds,
            List<EmulatedTaskRun> tasks,
            Instant startTime) {
        this.runs = runs;
        this.runId = runId;
        this.jobId = jobId;
        this.runName = runName;
        this.idempotencyToken = idempotencyToken;
        this.timeoutSeconds = timeoutSeconds;
        this.tasks = List.copyOf(tasks);
        this.startTime = startTime;
    }

    public long runId() {
        return runId;
    }

    public long jobId() {
        return jobId;
    }

    public String runName() {
        return runName;
    }

    /** The token it was submitted with, or null. */
    public String idempotencyToken() {
        return idempotencyToken;
    }

    /** 0 for none. */
    public long timeoutSeconds() {
        return timeoutSeconds;
    }

    public List<EmulatedTaskRun> tasks() {
        return tasks;
    }

    /** {@code PENDING}, {@code RUNNING}, {@code TERMINATING} or {@code TERMINATED}, as {@code runs/get} says now. */
    public String lifecycle() {
        return runs.read(this::lifecycleNow);
    }

    /** How it ended; null until every task is terminating or terminated. */
    public RunTermination termination() {
        return runs.read(this::terminationNow);
    }

    String lifecycleNow() {
        if (tasks.stream().allMatch(EmulatedTaskRun::isFinal)) {
            return "TERMINATED";
        }
        if (tasks.stream().allMatch(EmulatedTaskRun::isEnding)) {
            return "TERMINATING";
        }
        boolean allPending = tasks.stream().allMatch(t -> "PENDING".equals(t.phase.lifecycle()));
        return allPending ? "PENDING" : "RUNNING";
    }

    RunTermination terminationNow() {
        if (!tasks.stream().allMatch(EmulatedTaskRun::isEnding)) {
            return null;
        }
        return tasks.stream()
                .map(t -> t.termination)
                .filter(t -> !t.succeeded())
                .findFirst()
                .orElse(RunTermination.success());
    }

    Instant endTime() {
        return tasks.stream().allMatch(EmulatedTaskRun::isFinal)
                ? tasks.stream().map(t -> t.endTime).max(Instant::compareTo).orElse(null)
                : null;
    }

    @Override
    public String toString() {
        return "EmulatedRun[" + runId + " '" + runName + "']";
    }
}
