package io.jenkins.plugins.databricks.api.rest12;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.databricks.api.WireNames;

/**
 * A library's state on one cluster.
 *
 * @param clusterId the cluster
 * @param status {@link LibraryAttachStatus#UNKNOWN} for a value this client does not know (e.g. a pending state)
 * @param word the status as the server wrote it, kept so that a log can show an undocumented state by its own name
 *     (only Attached and Detached are documented for REST 1.2); empty when the server sent none
 */
public record ClusterLibraryStatus(String clusterId, LibraryAttachStatus status, String word) {

    public ClusterLibraryStatus {
        if (status == null) {
            status = LibraryAttachStatus.UNKNOWN;
        }
        word = WireNames.wordOr(word, status.wireValue());
    }

    @JsonCreator
    static ClusterLibraryStatus fromWire(
            @JsonProperty("clusterId") String clusterId, @JsonProperty("status") String word) {
        return new ClusterLibraryStatus(clusterId, LibraryAttachStatus.fromWire(word), word);
    }
}
