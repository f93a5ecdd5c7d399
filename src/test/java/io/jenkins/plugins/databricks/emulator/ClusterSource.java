package io.jenkins.plugins.databricks.emulator;

/** What created a cluster ({@code cluster_source}); {@code JOB} clusters cannot be started or restarted by hand. */
public enum ClusterSource {
    API,
    JOB,
    MODELS,
    PIPELINE,
    PIPELINE_MAINTENANCE,
    SQL,
    UI
}
