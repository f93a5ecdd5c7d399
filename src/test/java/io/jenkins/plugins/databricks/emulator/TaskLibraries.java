package io.jenkins.plugins.databricks.emulator;

import java.util.Optional;

/**
 * Where the runs API finds a task's jar and how it installs it on the cluster, as the real Jobs service does with a
 * task's {@code libraries}: cluster-wide, through the face that stores the file (a 1.2 workspace library at {@code
 * dbfs:/FileStore/jars/}, or a path that Libraries 2.0 installs, a volume file above all).
 */
interface TaskLibraries {

    /**
     * Starts installing the jar at {@code uri} on the cluster for {@code caller} (a no-op when it is installed
     * already); empty when this store does not handle {@code uri}.
     */
    Optional<InstalledJar> install(String clusterId, String uri, String caller);

    /** One task library on one cluster. */
    interface InstalledJar {
        /** Whether the cluster has loaded it. */
        boolean ready();

        /** Why the install failed, or null while it has not. */
        String failure();

        boolean containsClass(String className);
    }

    /** Asks {@code first}, then {@code second}. */
    static TaskLibraries either(TaskLibraries first, TaskLibraries second) {
        return (clusterId, uri, caller) -> {
            Optional<InstalledJar> jar = first.install(clusterId, uri, caller);
            return jar.isPresent() ? jar : second.install(clusterId, uri, caller);
        };
    }
}
