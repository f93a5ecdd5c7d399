package io.jenkins.plugins.databricks.emulator;

import java.util.Optional;

/**
 * Where the runs API finds a task's jar and how it installs it on the cluster, as the real Jobs service does with a
 * task's {@code libraries}: cluster-wide, through the face that stores the file (1.2 workspace libraries now, volume
 * files of the 2.x face next).
 */
interface TaskLibraries {

    /**
     * Starts installing the jar at {@code uri} on the cluster (a no-op when it is installed already); empty when no
     * store holds a file there.
     */
    Optional<InstalledJar> install(String clusterId, String uri);

    /** One task library on one cluster. */
    interface InstalledJar {
        /** Whether the cluster has loaded it. */
        boolean ready();

        boolean containsClass(String className);
    }

    /** Asks {@code first}, then {@code second}. */
    static TaskLibraries either(TaskLibraries first, TaskLibraries second) {
        return (clusterId, uri) -> {
            Optional<InstalledJar> jar = first.install(clusterId, uri);
            return jar.isPresent() ? jar : second.install(clusterId, uri);
        };
    }
}
