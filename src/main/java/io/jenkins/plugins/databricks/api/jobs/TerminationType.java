package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.jenkins.plugins.databricks.api.WireNames;

/** Whose side a run's end came from ({@code status.termination_details.type}); unknown words map to {@link #UNKNOWN}. */
public enum TerminationType {
    SUCCESS,
    /** The job's configuration or the user's input (a missing class, a bad library, a cancel...). */
    CLIENT_ERROR,
    /** The Databricks platform. */
    INTERNAL_ERROR,
    /** The cloud provider. */
    CLOUD_FAILURE,
    /** A type this client does not know (a newer server, or none at all). */
    UNKNOWN;

    @JsonCreator
    public static TerminationType fromWire(String value) {
        return WireNames.exact(values(), value, UNKNOWN);
    }
}
