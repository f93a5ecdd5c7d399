package io.jenkins.plugins.databricks.deploy;

/**
 * A stored jar a cluster can install, as the backend names it.
 *
 * @param id what the backend's install, uninstall, status and delete calls take: a REST 1.2 library id, a REST 2.x
 *     file path such as {@code /Volumes/main/ci/jars/app-1.2.jar}
 * @param name the file name, e.g. {@code app-1.2.jar} (1.2: the library's name)
 * @param folder where it is stored, without a trailing slash (1.2: the workspace folder; 2.x: the directory)
 * @param sequence larger means stored later, for "newest first" (1.2: the numeric library id; 2.x: the file's
 *     last-modified time in epoch milliseconds); {@link Long#MIN_VALUE} when unknown
 * @param sizeBytes the stored size, or {@link #UNKNOWN_SIZE} when the backend does not say (1.2 listings do not)
 */
public record RemoteLibrary(String id, String name, String folder, long sequence, long sizeBytes)
        implements java.io.Serializable {

    public static final long UNKNOWN_SIZE = -1;

    /** Where it is, for the plan and the log: {@code /Shared/libs/app.jar}. */
    public String path() {
        return DeploySpec.normaliseFolder(folder) + "/" + name;
    }

    /** The path, and the id when it is not the path: {@code /Shared/libs/app.jar (library 12)}. */
    public String where() {
        return id.equals(path()) ? path() : path() + " (library " + id + ")";
    }

    /** Stored in that folder (given without a trailing slash). */
    boolean isIn(String otherFolder) {
        return DeploySpec.normaliseFolder(folder).equals(otherFolder);
    }

    /** The same bytes as the jar, as far as the stored size tells; an unknown size proves nothing either way. */
    boolean sizeMatches(JarArtifact jar) {
        return sizeBytes == UNKNOWN_SIZE || sizeBytes == jar.length();
    }
}
