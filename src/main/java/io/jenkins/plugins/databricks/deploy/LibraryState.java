package io.jenkins.plugins.databricks.deploy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One library and its status on every cluster that lists it.
 *
 * @param onAllClusters installed for every cluster at once (1.2 {@code __ALL_CLUSTERS}; 2.x
 *     {@code is_library_for_all_clusters}); such a library can only be removed everywhere at once
 * @param statuses cluster id to status; a cluster not listed does not have it
 */
public record LibraryState(RemoteLibrary library, boolean onAllClusters, Map<String, InstallStatus> statuses) {

    public LibraryState {
        statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
    }

    /** A library no cluster lists. */
    public static LibraryState absentEverywhere(RemoteLibrary library) {
        return new LibraryState(library, false, Map.of());
    }

    /** The status on a cluster, {@link InstallStatus#ABSENT} when the cluster does not list it. */
    public InstallStatus statusOn(String clusterId) {
        return statuses.getOrDefault(clusterId, InstallStatus.ABSENT);
    }

    /** Listed as installed on that cluster itself (not only through all clusters). */
    boolean installedExactlyOn(String clusterId) {
        return statusOn(clusterId).phase() == InstallStatus.Phase.INSTALLED;
    }

    /** Installed there: on that cluster, or for all clusters and not listed for it separately. */
    public boolean installedOn(String clusterId) {
        return installedExactlyOn(clusterId) || (onAllClusters && !statuses.containsKey(clusterId));
    }

    /** Anything but absent: the cluster has (or will load) this library. */
    public boolean presentOn(String clusterId) {
        return onAllClusters || statusOn(clusterId).present();
    }

    /** Listed on some cluster in some state but absent: it may still be loaded somewhere. */
    boolean presentAnywhere() {
        return onAllClusters || statuses.values().stream().anyMatch(InstallStatus::present);
    }
}
