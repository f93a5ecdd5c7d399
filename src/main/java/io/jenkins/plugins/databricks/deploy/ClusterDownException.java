package io.jenkins.plugins.databricks.deploy;

/** Thrown from inside a poll when a cluster that should come up went down. */
final class ClusterDownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ClusterDownException(RemoteCluster cluster, String state) {
        super("Cluster " + cluster.label() + " is " + state + " instead of coming up Running");
    }
}
