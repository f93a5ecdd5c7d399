package io.jenkins.plugins.databricks.api;

/**
 * An execution context ({@code contexts/status}).
 *
 * @param id context id: a 19-digit number on the wire, kept as a string
 * @param status state; {@link ContextStatus#UNKNOWN} for a value this client does not know
 */
public record ContextInfo(String id, ContextStatus status) {

    public ContextInfo {
        if (status == null) {
            status = ContextStatus.UNKNOWN;
        }
    }
}
