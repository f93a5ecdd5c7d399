package io.jenkins.plugins.databricks.emulator;

import java.util.Optional;

/**
 * Task libraries from the 1.2 face: an uploaded workspace library lives at {@code dbfs:/FileStore/jars/<file>} (its
 * {@code files} entry), and installing it on a cluster is an attach of that library.
 */
final class WorkspaceTaskLibraries implements TaskLibraries {

    static final String FILESTORE_JARS = "dbfs:/FileStore/jars/";

    private final Workspace workspace;

    WorkspaceTaskLibraries(Workspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public Optional<InstalledJar> install(String clusterId, String uri, String caller) {
        String file = fileName(uri);
        if (file == null) {
            return Optional.empty();
        }
        // A file name no 1.2 library has is left to Libraries 2.0, which fails it as a missing file.
        Optional<EmulatedLibrary> found = workspace.visibleLibraries().stream()
                .filter(l -> l.fileName().equals(file))
                .findFirst();
        found.ifPresent(lib -> workspace.attach(lib.id(), clusterId));
        return found.map(lib -> new InstalledJar() {
            @Override
            public boolean ready() {
                return lib.status(clusterId) == LibraryClusterStatus.ATTACHED;
            }

            @Override
            public String failure() {
                return null;
            }

            @Override
            public boolean containsClass(String className) {
                return lib.containsClass(className);
            }
        });
    }

    /** {@code dbfs:/FileStore/jars/<file>} or {@code /FileStore/jars/<file>}; null for any other place. */
    private static String fileName(String uri) {
        String u = uri.strip();
        if (u.startsWith(FILESTORE_JARS)) {
            return u.substring(FILESTORE_JARS.length());
        }
        if (u.startsWith("/FileStore/jars/")) {
            return u.substring("/FileStore/jars/".length());
        }
        return null;
    }
}
