package io.jenkins.plugins.databricks.api.rest2;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The libraries of one cluster ({@code cluster-status}, and each element of {@code all-cluster-statuses}), in the
 * server's order: the ones added, in order, then the ones marked for removal.
 *
 * @param clusterId the cluster
 * @param libraryStatuses never {@code null}
 */
public record ClusterLibraryStatuses(String clusterId, List<LibraryFullStatus> libraryStatuses) {

    public ClusterLibraryStatuses {
        libraryStatuses = libraryStatuses == null ? List.of() : List.copyOf(libraryStatuses);
    }

    @JsonCreator
    static ClusterLibraryStatuses fromWire(
            @JsonProperty("cluster_id") String clusterId,
            @JsonProperty("library_statuses") List<LibraryFullStatus> libraryStatuses) {
        return new ClusterLibraryStatuses(
                clusterId,
                libraryStatuses == null
                        ? null
                        : libraryStatuses.stream().filter(s -> s != null).toList());
    }

    /** The status of {@code library} on this cluster, if the cluster lists it. */
    public Optional<LibraryFullStatus> statusOf(Library library) {
        return libraryStatuses.stream().filter(s -> library.equals(s.library())).findFirst();
    }
}
