package io.jenkins.plugins.databricks.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.databricks.deploy.DeployPlan.OldVersion;
import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import io.jenkins.plugins.databricks.deploy.DeployReport.SmokeReport;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Where a deploy is, saved after each step that changes Databricks, so that a deploy whose JVM died (a controller
 * restart) can be finished or rolled back by another ({@link Deployer#resume}). Small, serialisable and without a
 * secret: neither the spec (which holds the credentials) nor the smoke command text (which may hold anything) is in
 * it; the resuming side builds the spec again with fresh credentials and reads the smoke command again.
 *
 * <p>Each change is in the checkpoint before it is sent, as in {@link DeployProgress}: undoing a change that never
 * happened is a no-op, whereas forgetting one that did can leave two versions installed, or none.
 *
 * @param phase how far the deploy got
 * @param workspace the workspace as the plan named it, for the log
 * @param libraryName the new library's name
 * @param jarPath the jar, relative to the workspace
 * @param jarLength its size
 * @param jarSha256 its hash
 * @param targets each target as planned
 * @param oldVersions the folder's old versions, newest first
 * @param otherCopies copies stored elsewhere that the swap replaces
 * @param library the new version once stored (or found stored), else {@code null}
 * @param reused the new version was already stored
 * @param attachedNew clusters the new version was (or was being) installed on
 * @param detached old versions (being) uninstalled, with the cluster
 * @param restarted clusters restarted (or started)
 * @param smoke the smoke results so far
 * @param openContexts execution contexts the smoke command created and has not destroyed yet, as "cluster/context"
 * @param openRuns job runs of the jar's main class submitted and not yet seen finished or cancelled, as "cluster/run"
 * @param deleted old versions deleted
 * @param failure why the deploy was rolling back, when {@link Phase#ROLLING_BACK}
 */
public record DeployCheckpoint(
        Phase phase,
        String workspace,
        String libraryName,
        String jarPath,
        long jarLength,
        String jarSha256,
        List<Target> targets,
        List<Old> oldVersions,
        List<Old> otherCopies,
        RemoteLibrary library,
        boolean reused,
        List<String> attachedNew,
        List<Uninstall> detached,
        List<String> restarted,
        List<SmokeReport> smoke,
        List<String> openContexts,
        List<String> openRuns,
        List<String> deleted,
        String failure)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The steps of a deploy in order; a resume finishes from {@link #RESTARTING} on and rolls back before it. */
    public enum Phase {
        /** Storing the new version; no cluster changed yet. */
        UPLOADING,
        /** Installing the new version and uninstalling the old ones. */
        SWAPPING,
        /** The swap is done; (re)starting the clusters the plan restarts. */
        RESTARTING,
        /** Waiting until the targets run with the new version. */
        WAITING,
        /** Running the smoke command. */
        SMOKE,
        /** Every smoke command passed; deleting old versions beyond keepVersions. */
        CLEANUP,
        /** A step failed and the rollback is under way. */
        ROLLING_BACK,
        /** Finished; nothing to resume. */
        DONE
    }

    /** A target as planned. */
    public record Target(String id, String name, String state, List<String> oldLoaded, boolean restart, boolean queued)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        public Target {
            oldLoaded = oldLoaded == null ? List.of() : List.copyOf(oldLoaded);
        }

        static Target of(TargetCluster t) {
            return new Target(
                    t.cluster().id(), t.cluster().name(), t.cluster().state(), t.oldLoaded(), t.restart(), t.queued());
        }

        TargetCluster toTarget() {
            return new TargetCluster(new RemoteCluster(id, name, state), oldLoaded, restart, queued);
        }
    }

    /** One old version (being) uninstalled from one cluster, or from all clusters. */
    public record Uninstall(RemoteLibrary library, String clusterId) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A replaced version as planned. */
    public record Old(RemoteLibrary library, boolean onAllClusters) implements Serializable {
        private static final long serialVersionUID = 1L;

        static Old of(OldVersion o) {
            return new Old(o.library(), o.state().onAllClusters());
        }

        OldVersion toOld() {
            return new OldVersion(library, new LibraryState(library, onAllClusters, Map.of()));
        }
    }

    public DeployCheckpoint {
        targets = listOf(targets);
        oldVersions = listOf(oldVersions);
        otherCopies = listOf(otherCopies);
        attachedNew = listOf(attachedNew);
        detached = listOf(detached);
        restarted = listOf(restarted);
        smoke = listOf(smoke);
        openContexts = listOf(openContexts);
        openRuns = listOf(openRuns);
        deleted = listOf(deleted);
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** As stored with the build (Jenkins' XML cannot hold records; JSON in a string can). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DeployCheckpoint fromJson(String json) {
        try {
            return JSON.readValue(json, DeployCheckpoint.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether another JVM has anything to finish or undo. */
    public boolean resumable() {
        return phase != Phase.DONE;
    }

    /** One line for the log: how far it got. */
    public String describe() {
        return switch (phase) {
            case UPLOADING -> "it was uploading " + libraryName + "; no cluster had been changed";
            case SWAPPING ->
                "it was swapping " + libraryName + " in (" + attachedNew.size() + " install(s), " + detached.size()
                        + " uninstall(s) sent)";
            case RESTARTING -> "the swap was done and it was restarting clusters (" + restarted.size() + " restarted)";
            case WAITING -> "it was waiting for the clusters to run " + libraryName;
            case SMOKE -> "it was running the smoke test (" + smoke.size() + " result(s) in)";
            case CLEANUP -> "every smoke command had passed; it was deleting old versions";
            case ROLLING_BACK -> "it was rolling back after: " + failure;
            case DONE -> "it had finished";
        };
    }
}
