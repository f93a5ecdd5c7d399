package io.jenkins.plugins.databricks.api.rest12;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A library and its state on each cluster ({@code libraries/status}).
 *
 * @param id library id
 * @param name display name
 * @param folder workspace folder
 * @param libType e.g. {@code java-jar}, {@code python-egg}
 * @param files stored file names; the artifact lives at {@code dbfs:/FileStore/jars/<file>}
 * @param attachAllClusters whether the library is set to attach to all clusters automatically
 * @param statuses the state per cluster (whether unrelated clusters are listed is not documented)
 */
public record LibraryStatus(
        String id,
        String name,
        String folder,
        String libType,
        List<String> files,
        boolean attachAllClusters,
        List<ClusterLibraryStatus> statuses) {

    public LibraryStatus {
        files = files == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(files));
        statuses = statuses == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(statuses));
    }

    /** The state on {@code clusterId}, or empty when the server does not list that cluster. */
    public Optional<LibraryAttachStatus> statusOn(String clusterId) {
        for (ClusterLibraryStatus s : statuses) {
            if (s != null && s.clusterId() != null && s.clusterId().equals(clusterId)) {
                return Optional.of(s.status());
            }
        }
        return Optional.empty();
    }
}
