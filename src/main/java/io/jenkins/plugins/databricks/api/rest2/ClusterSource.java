package io.jenkins.plugins.databricks.api.rest2;

import io.jenkins.plugins.databricks.api.WireNames;

/** Who created a cluster ({@code cluster_source}); {@link #UNKNOWN} for a word this client does not know. */
public enum ClusterSource {
    API,
    JOB,
    MODELS,
    PIPELINE,
    PIPELINE_MAINTENANCE,
    SQL,
    UI,
    UNKNOWN;

    /** Never fails: an unknown or missing word is {@link #UNKNOWN}. */
    public static ClusterSource fromWire(String word) {
        return WireNames.exact(values(), word, UNKNOWN);
    }
}
