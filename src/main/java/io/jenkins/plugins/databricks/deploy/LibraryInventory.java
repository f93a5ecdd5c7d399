package io.jenkins.plugins.databricks.deploy;

import java.util.List;

/**
 * What pre-flight reads about stored and installed jars, in as few calls as the backend allows.
 *
 * @param folder every library stored in the deploy's folder, in any order (1.2: the folder's libraries; 2.x: the
 *     directory listing, every page)
 * @param candidates every library whose file name the pre-flight's filter accepts, stored in the folder or installed
 *     (in any phase) on any cluster wherever it is stored, each once with its statuses
 */
public record LibraryInventory(List<RemoteLibrary> folder, List<LibraryState> candidates) {

    public LibraryInventory {
        folder = List.copyOf(folder);
        candidates = List.copyOf(candidates);
    }

    /** The state of one of the folder's libraries; absent everywhere when no cluster lists it. */
    LibraryState stateOf(RemoteLibrary library) {
        return candidates.stream()
                .filter(s -> s.library().id().equals(library.id()))
                .findFirst()
                .orElseGet(() -> LibraryState.absentEverywhere(library));
    }
}
