package io.jenkins.plugins.databricks.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a deploy did and where it left every cluster: the step's return value, the build page summary, and JSON for
 * anyone who wants to keep it. Holds no secrets.
 *
 * @param outcome how it ended
 * @param workspaceUrl the workspace
 * @param library the new library (id absent in a dry run before upload)
 * @param clusters every target cluster with its final state and the new library's status there
 * @param oldLibraryIds the old versions found in the folder
 * @param detachedLibraryIds old versions detached from the targets
 * @param deletedLibraryIds old versions deleted beyond {@code keepVersions}
 * @param restartedClusterIds clusters this deploy restarted (or started)
 * @param smoke one entry per running target cluster, in target order
 * @param timingsMillis how long each step took, in step order
 * @param plan the plan lines (what a dry run prints)
 * @param failure why it failed, or {@code null}
 * @param notes what else the user should know about how it ended, e.g. a clean-up that an abort stopped, with the old
 *     versions it left
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeployReport(
        Outcome outcome,
        String workspaceUrl,
        LibraryReport library,
        List<ClusterReport> clusters,
        List<String> oldLibraryIds,
        List<String> detachedLibraryIds,
        List<String> deletedLibraryIds,
        List<String> restartedClusterIds,
        List<SmokeReport> smoke,
        Map<String, Long> timingsMillis,
        List<String> plan,
        String failure,
        List<String> notes)
        implements Serializable {

    /** Output beyond this many characters is cut in the middle, with a marker saying how much. */
    public static final int MAX_OUTPUT_CHARS = 4096;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public enum Outcome {
        /** The new library is attached and, where asked, restarted and smoke-tested. */
        DEPLOYED,
        /** The identical jar was already the attached version; nothing changed. */
        UNCHANGED,
        /** A dry run: only the plan. */
        PLANNED,
        /** A step failed and the rollback undid every change: the old version is back, the new one detached. */
        ROLLED_BACK,
        /**
         * A step failed and the clusters were not fully put back: rollback off, or a rollback call failed (each
         * cluster's note says what is left there; a cluster whose old version could not be re-attached keeps the new).
         */
        FAILED,
        /** Interrupted; see each cluster's state. */
        ABORTED
    }

    /** A report without notes. */
    public DeployReport(
            Outcome outcome,
            String workspaceUrl,
            LibraryReport library,
            List<ClusterReport> clusters,
            List<String> oldLibraryIds,
            List<String> detachedLibraryIds,
            List<String> deletedLibraryIds,
            List<String> restartedClusterIds,
            List<SmokeReport> smoke,
            Map<String, Long> timingsMillis,
            List<String> plan,
            String failure) {
        this(
                outcome,
                workspaceUrl,
                library,
                clusters,
                oldLibraryIds,
                detachedLibraryIds,
                deletedLibraryIds,
                restartedClusterIds,
                smoke,
                timingsMillis,
                plan,
                failure,
                List.of());
    }

    /** The new library. {@code reused} when the identical jar was already in the folder under this name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LibraryReport(
            String id, String name, String folder, String sha256, long sizeBytes, String jarPath, boolean reused)
            implements Serializable {}

    /**
     * One target cluster at the end.
     *
     * @param state the cluster state as Databricks reports it (Running, Terminated, ...)
     * @param libraryStatus the new library's status there (Attached, Detached, ... or "not attached")
     * @param note what the user should know, e.g. "attach queued: takes effect at the next start"
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClusterReport(
            String id, String name, String state, String libraryStatus, boolean restarted, String note)
            implements Serializable {}

    /**
     * The smoke command on one cluster.
     *
     * @param status PASSED, FAILED, CANCELLED (on Databricks, or because it failed on another cluster), TIMED_OUT,
     *     ABORTED, SKIPPED (not started: it had already failed on another cluster)
     * @param output the text output or error summary, cut to {@link #MAX_OUTPUT_CHARS}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SmokeReport(
            String clusterId, String status, String resultType, String output, long durationMillis, String message)
            implements Serializable {}

    /** A report stored by an older version lacks the lists added since: they read back empty, never null. */
    public DeployReport {
        clusters = listOf(clusters);
        oldLibraryIds = listOf(oldLibraryIds);
        detachedLibraryIds = listOf(detachedLibraryIds);
        deletedLibraryIds = listOf(deletedLibraryIds);
        restartedClusterIds = listOf(restartedClusterIds);
        smoke = listOf(smoke);
        timingsMillis = timingsMillis == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMillis));
        plan = listOf(plan);
        notes = listOf(notes);
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    public boolean succeeded() {
        return outcome == Outcome.DEPLOYED || outcome == Outcome.UNCHANGED || outcome == Outcome.PLANNED;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DeployReport fromJson(String json) {
        try {
            return JSON.readValue(json, DeployReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A few lines for a human: outcome, library, each cluster, smoke, timings. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Deploy ").append(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (library != null) {
            out.append(": ")
                    .append(library.name())
                    .append(library.id() == null ? "" : " (library " + library.id() + ")")
                    .append(" in ")
                    .append(library.folder())
                    .append(", sha256 ")
                    .append(LibraryNameTemplate.shortHash(library.sha256()));
        }
        out.append('\n');
        for (ClusterReport c : clusters) {
            out.append("  cluster ")
                    .append(c.name())
                    .append(" (")
                    .append(c.id())
                    .append("): ")
                    .append(c.state())
                    .append(", new library ")
                    .append(c.libraryStatus());
            if (c.restarted()) {
                out.append(", restarted");
            }
            if (c.note() != null) {
                out.append(" — ").append(c.note());
            }
            out.append('\n');
        }
        if (!detachedLibraryIds.isEmpty() || !deletedLibraryIds.isEmpty()) {
            out.append("  old versions: detached ")
                    .append(detachedLibraryIds)
                    .append(", deleted ")
                    .append(deletedLibraryIds)
                    .append('\n');
        }
        for (SmokeReport s : smoke) {
            out.append("  smoke on ")
                    .append(s.clusterId())
                    .append(": ")
                    .append(s.status())
                    .append(" in ")
                    .append(LogFormat.duration(java.time.Duration.ofMillis(s.durationMillis())));
            if (s.message() != null) {
                out.append(" — ").append(s.message());
            }
            out.append('\n');
        }
        if (failure != null) {
            out.append("  failure: ").append(failure).append('\n');
        }
        for (String note : notes) {
            out.append("  note: ").append(note).append('\n');
        }
        if (!timingsMillis.isEmpty()) {
            out.append("  timings: ")
                    .append(timingsMillis.entrySet().stream()
                            .map(e -> e.getKey() + " " + LogFormat.duration(java.time.Duration.ofMillis(e.getValue())))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return out.toString();
    }

    /** Cuts long output in the middle, keeping the start and the end (where errors usually are). */
    static String truncate(String output) {
        if (output == null || output.length() <= MAX_OUTPUT_CHARS) {
            return output;
        }
        int keep = MAX_OUTPUT_CHARS / 2;
        int cut = output.length() - 2 * keep;
        return output.substring(0, keep) + "\n… [" + cut + " characters cut] …\n"
                + output.substring(output.length() - keep);
    }
}
