package io.jenkins.plugins.databricks.api;

/**
 * A library's state on one cluster.
 *
 * @param clusterId the cluster
 * @param status {@link LibraryAttachStatus#UNKNOWN} for a value this client does not know (e.g. a pending state)
 */
public record ClusterLibraryStatus(String clusterId, LibraryAttachStatus status) {

    public ClusterLibraryStatus {
        if (status == null) {
            status = LibraryAttachStatus.UNKNOWN;
        }
    }
}
