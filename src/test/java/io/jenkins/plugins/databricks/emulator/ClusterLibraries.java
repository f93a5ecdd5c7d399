package io.jenkins.plugins.databricks.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Libraries 2.0 side of the clusters: per cluster, the libraries installed by path, each with its phase. Guarded
 * by the {@link Workspace} lock (every method is called from a synchronized Workspace method), which also calls the
 * hooks {@link #clusterUp} and {@link #clusterDown} when a cluster enters or leaves a running state.
 *
 * <p>On a running cluster an install goes PENDING ({@link Settings#libraryPendingDuration()}), INSTALLING ({@link
 * Settings#libraryInstallDuration()}), then INSTALLED, or FAILED with a message when, at that moment, the jar cannot
 * be read or (standard access mode) is not on the allowlist. On a cluster that is not running it waits (QUEUED,
 * reported per {@link Settings#queuedInstall()}) until the next start. An uninstall of a loaded library is
 * UNINSTALL_ON_RESTART until the cluster leaves running; of a library not loaded it takes effect at once.
 */
final class ClusterLibraries {

    /** Where one library is on one cluster. */
    enum Phase {
        QUEUED,
        PENDING,
        INSTALLING,
        INSTALLED,
        RESTORED,
        FAILED
    }

    /** One library on one cluster. */
    static final class Entry {
        final String key;
        final JsonNode library;
        final String jarPath;
        final String installer;
        Phase phase = Phase.QUEUED;
        Instant phaseEndsAt;
        boolean loaded;
        boolean installedBefore;
        boolean uninstallRequested;
        List<String> messages = List.of();

        Entry(String key, JsonNode library, String jarPath, String installer) {
            this.key = key;
            this.library = library;
            this.jarPath = jarPath;
            this.installer = installer;
        }
    }

    private static final Set<String> KINDS = Set.of("jar", "whl", "egg", "requirements", "maven", "pypi", "cran");

    private final Settings settings;
    private final UnityCatalog catalog;
    private final Map<String, List<Entry>> byCluster = new LinkedHashMap<>();

    ClusterLibraries(Settings settings, UnityCatalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    /** The string form SDKs and Terraform compare libraries by: {@code jar:<path>}, {@code maven:<coordinates>}. */
    static String key(JsonNode library) {
        Iterator<Map.Entry<String, JsonNode>> fields = library.fields();
        if (!fields.hasNext()) {
            throw RestError.invalidParameter("A library must name exactly one of jar, whl, requirements, maven,"
                    + " pypi, cran; was " + library);
        }
        Map.Entry<String, JsonNode> only = fields.next();
        if (fields.hasNext()) {
            throw RestError.invalidParameter("A library must name exactly one kind (jar, whl, requirements, maven,"
                    + " pypi, cran); was " + library);
        }
        JsonNode v = only.getValue();
        String value = v.isTextual() ? v.asText() : v.toString();
        if (v.isTextual() && value.isBlank()) {
            throw RestError.invalidParameter("Library field '" + only.getKey() + "' must not be empty");
        }
        if (!KINDS.contains(only.getKey())) {
            throw RestError.invalidParameter(
                    "Unknown library kind '" + only.getKey() + "'; use jar, whl, requirements, maven, pypi or cran");
        }
        return only.getKey() + ":" + value;
    }

    private List<Entry> of(String clusterId) {
        return byCluster.computeIfAbsent(clusterId, k -> new ArrayList<>());
    }

    /** Returns true when anything changed. */
    boolean install(EmulatedCluster c, JsonNode library, String installer, Instant now) {
        String key = key(library);
        List<Entry> entries = of(c.id());
        for (Entry e : entries) {
            if (e.key.equals(key)) {
                if (e.uninstallRequested) {
                    e.uninstallRequested = false;
                    return true;
                }
                return false;
            }
        }
        String jar = library.has("jar") ? library.get("jar").asText() : null;
        Entry e = new Entry(key, library, jar, installer);
        entries.add(e);
        if (Workspace.isUp(c.status)) {
            begin(e, now);
        }
        return true;
    }

    /** Returns true when anything changed; a library that is not installed is ignored, as the real API does. */
    boolean uninstall(EmulatedCluster c, JsonNode library) {
        String key = key(library);
        Iterator<Entry> it = of(c.id()).iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.key.equals(key) && !e.uninstallRequested) {
                if (e.loaded) {
                    e.uninstallRequested = true;
                } else {
                    it.remove();
                }
                return true;
            }
        }
        return false;
    }

    private void begin(Entry e, Instant at) {
        e.phase = Phase.PENDING;
        e.messages = List.of();
        e.phaseEndsAt = at.plus(settings.libraryPendingDuration());
    }

    void clusterUp(EmulatedCluster c, Instant at) {
        for (Entry e : of(c.id())) {
            if (e.phase == Phase.QUEUED) {
                begin(e, at);
            }
        }
    }

    /** A restart or termination: uninstalled libraries go, the rest wait to be installed again. */
    void clusterDown(EmulatedCluster c) {
        Iterator<Entry> it = of(c.id()).iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.uninstallRequested) {
                it.remove();
                continue;
            }
            if (e.phase == Phase.INSTALLED || e.phase == Phase.RESTORED) {
                e.installedBefore = true;
            }
            e.loaded = false;
            e.phase = Phase.QUEUED;
            e.phaseEndsAt = null;
        }
    }

    void advance(Map<String, EmulatedCluster> clusters, Instant now) {
        for (Map.Entry<String, List<Entry>> cl : byCluster.entrySet()) {
            EmulatedCluster c = clusters.get(cl.getKey());
            for (Entry e : cl.getValue()) {
                while (e.phaseEndsAt != null && !now.isBefore(e.phaseEndsAt)) {
                    Instant at = e.phaseEndsAt;
                    e.phaseEndsAt = null;
                    if (e.phase == Phase.PENDING) {
                        e.phase = Phase.INSTALLING;
                        e.phaseEndsAt = at.plus(settings.libraryInstallDuration());
                    } else if (e.phase == Phase.INSTALLING) {
                        finish(c, e);
                    }
                }
            }
        }
    }

    private void finish(EmulatedCluster c, Entry e) {
        String problem = problem(c, e);
        if (problem == null) {
            e.phase = e.installedBefore && settings.restoredAfterRestart() ? Phase.RESTORED : Phase.INSTALLED;
            e.loaded = true;
            e.messages = List.of();
        } else {
            e.phase = Phase.FAILED;
            e.messages = List.of("Library installation attempted on the driver node of cluster " + c.id()
                    + " and failed. Please refer to the following error message to fix the library or contact"
                    + " Databricks support. Error Code: DRIVER_LIBRARY_INSTALLATION_FAILURE. Error Message: "
                    + problem);
        }
    }

    /** Why this jar cannot be installed on this cluster now, or null. */
    private String problem(EmulatedCluster c, Entry e) {
        if (e.jarPath == null) {
            return null;
        }
        if (c.accessMode.isNoIsolation() && e.jarPath.startsWith(VolumePath.ROOT)) {
            return "java.lang.IllegalArgumentException: Unity Catalog volumes are not supported on No isolation"
                    + " shared clusters: Jar(" + e.jarPath + ")";
        }
        if (c.accessMode.isStandard()
                && !catalog.allowlists().allows(ArtifactAllowlists.ArtifactType.LIBRARY_JAR, e.jarPath)) {
            return notAllowlisted(e.jarPath);
        }
        return catalog.unreadableReason(e.jarPath);
    }

    static String notAllowlisted(String jarPath) {
        return "org.apache.spark.SparkSecurityException: [UC_LIBRARY_NOT_ALLOWLISTED] Jar(" + jarPath + ") is not"
                + " on the artifact allowlist (LIBRARY_JAR) of this metastore, which a cluster in standard access"
                + " mode requires. A metastore admin must add the path or a prefix of it to the allowlist"
                + " (/api/2.1/unity-catalog/artifact-allowlists/LIBRARY_JAR).";
    }

    /** The status word reported now, or null when the entry is not listed. */
    LibraryStatus statusOf(Entry e) {
        if (e.uninstallRequested) {
            return LibraryStatus.UNINSTALL_ON_RESTART;
        }
        return switch (e.phase) {
            case QUEUED ->
                e.installedBefore || settings.queuedInstall() == Settings.QueuedInstall.PENDING
                        ? LibraryStatus.PENDING
                        : null;
            case PENDING -> LibraryStatus.PENDING;
            case INSTALLING -> LibraryStatus.INSTALLING;
            case INSTALLED -> LibraryStatus.INSTALLED;
            case RESTORED -> LibraryStatus.RESTORED;
            case FAILED -> LibraryStatus.FAILED;
        };
    }

    /** This cluster's entries in the documented order: in the order added, then those marked for removal. */
    List<Entry> ordered(String clusterId) {
        List<Entry> out = new ArrayList<>();
        List<Entry> entries = byCluster.getOrDefault(clusterId, List.of());
        entries.stream().filter(e -> !e.uninstallRequested).forEach(out::add);
        entries.stream().filter(e -> e.uninstallRequested).forEach(out::add);
        return out;
    }

    List<String> loadedJars(String clusterId) {
        return byCluster.getOrDefault(clusterId, List.of()).stream()
                .filter(e -> e.loaded && e.jarPath != null)
                .map(e -> e.jarPath)
                .toList();
    }
}
