package io.jenkins.plugins.databricks.deploy;

import java.util.Map;

/**
 * A library's per-cluster statuses. Only {@code Attached} and {@code Detached} are documented for REST 1.2; anything
 * else (a pending state) counts as still loaded, as sbt-databricks did.
 *
 * @param attachAllClusters set when the library is attached to every cluster ({@code __ALL_CLUSTERS})
 * @param statuses cluster id to status word
 */
public record LibraryState(
        String id, String name, String folder, boolean attachAllClusters, Map<String, String> statuses) {

    public LibraryState {
        statuses = Map.copyOf(statuses);
    }

    /** The status on a cluster, "not attached" when the cluster is not listed. */
    public String statusOn(String clusterId) {
        return statuses.getOrDefault(clusterId, NOT_ATTACHED);
    }

    public static final String NOT_ATTACHED = "not attached";

    /** Exactly Attached: the library is installed there. */
    public boolean attachedOn(String clusterId) {
        return "Attached".equalsIgnoreCase(statuses.get(clusterId));
    }

    /** Installed there: Attached on that cluster, or attached to all clusters and not listed for it separately. */
    public boolean installedOn(String clusterId) {
        return attachedOn(clusterId) || (attachAllClusters && !statuses.containsKey(clusterId));
    }

    /** Anything but Detached or absent: the cluster has (or will load) this library. */
    public boolean presentOn(String clusterId) {
        String status = statuses.get(clusterId);
        return attachAllClusters || (status != null && !"Detached".equalsIgnoreCase(status));
    }
}
