package io.jenkins.plugins.databricks.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A live handle on one uploaded workspace library. The emulator keeps no bytes: only {@link #sizeBytes()} and
 * {@link #sha256()} computed while the upload streamed through. Mutable fields are guarded by the {@link Workspace}
 * lock.
 */
public final class EmulatedLibrary {

    /** The relation of this library to one cluster. */
    static final class Link {
        /** Attached to this cluster by id (as opposed to only through attach-to-all-clusters). */
        boolean explicit;
        /** Loaded in the running cluster's JVM; only a restart unloads it. */
        boolean loaded;
        /** When a wanted-but-not-loaded library finishes installing on a running cluster; null if not scheduled. */
        Instant loadAt;
    }

    private final Workspace workspace;
    private final String id;
    private final String name;
    private final String folder;
    private final String libType;
    private final String fileName;
    private final long sizeBytes;
    private final String sha256;

    boolean attachAllClusters;
    boolean deleted;
    /** The classes in the uploaded jar, for the runs API; set by the upload right after the library is made. */
    volatile JarClasses classes = JarClasses.NONE;

    final Map<String, Link> links = new LinkedHashMap<>();

    EmulatedLibrary(
            Workspace workspace,
            String id,
            String name,
            String folder,
            String libType,
            String fileName,
            long sizeBytes,
            String sha256) {
        this.workspace = workspace;
        this.id = id;
        this.name = name;
        this.folder = folder;
        this.libType = libType;
        this.fileName = fileName;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The folder as stored: without a trailing slash (the root stays {@code /}). */
    public String folder() {
        return folder;
    }

    /** As reported: {@code java-jar} (also for uploads that said {@code scala}) or {@code python-egg}. */
    public String libType() {
        return libType;
    }

    /** The single entry of {@code files}: {@code <hash>-<name>}; the artifact "lives" at dbfs:/FileStore/jars/. */
    public String fileName() {
        return fileName;
    }

    public List<String> files() {
        return List.of(fileName);
    }

    /** Bytes received in the upload's file part. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Lower-case hex SHA-256 of the bytes received in the upload's file part. */
    public String sha256() {
        return sha256;
    }

    /** Whether the uploaded bytes hold {@code className} (a JVM class name, {@code com.acme.Main}). */
    public boolean containsClass(String className) {
        return classes.contains(className);
    }

    public boolean attachAllClusters() {
        return workspace.read(() -> attachAllClusters);
    }

    /** True once {@code libraries/delete} was called (it may still be loaded on clusters until they restart). */
    public boolean deleted() {
        return workspace.read(() -> deleted);
    }

    /** The per-cluster status now, for one cluster. */
    public LibraryClusterStatus status(String clusterId) {
        return workspace.read(() -> workspace.statusOf(this, workspace.requireCluster(clusterId)));
    }

    /** The per-cluster statuses now, for every known cluster, in cluster creation order. */
    public Map<String, LibraryClusterStatus> statuses() {
        return workspace.read(() -> workspace.statusesOf(this));
    }

    @Override
    public String toString() {
        return "EmulatedLibrary[" + id + " " + folder + " " + name + "]";
    }
}
