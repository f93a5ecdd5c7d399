package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One task of a run ({@code tasks[]} of {@code runs/get}). Its {@link #runId()} is what {@code runs/get-output}
 * takes: output is kept per task run, not per run.
 */
public record RunTask(
        @JsonProperty("task_key") String taskKey,
        @JsonProperty("run_id") long runId,
        @JsonProperty("existing_cluster_id") String existingClusterId,
        @JsonProperty("run_page_url") String runPageUrl,
        @JsonProperty("status") RunStatus status,
        @JsonProperty("state") RunState state) {

    /** Where this task run is. */
    public RunProgress progress() {
        return RunProgress.of(status, state);
    }
}
