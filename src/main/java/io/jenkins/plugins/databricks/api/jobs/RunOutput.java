package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code runs/get-output} returns for one task run.
 *
 * @param logs what a jar task wrote to stdout / stderr: the last 5 MB of it (may be {@code null})
 * @param logsTruncated whether {@link #logs()} lost its beginning
 * @param error why the task failed or why there is no output ({@code null} when it did not fail)
 * @param errorTrace the stack trace of the failure, if any
 */
public record RunOutput(
        @JsonProperty("logs") String logs,
        @JsonProperty("logs_truncated") boolean logsTruncated,
        @JsonProperty("error") String error,
        @JsonProperty("error_trace") String errorTrace) {

    public RunOutput {
        logs = logs == null ? "" : logs;
    }
}
