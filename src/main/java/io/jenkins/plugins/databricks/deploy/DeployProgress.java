package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployReport.ClusterReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.LibraryReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.DeployReport.SmokeReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an execution has done so far: what the rollback undoes and what the report tells. */
final class DeployProgress implements SmokeRunner.ContextWatch, JarSmokeRunner.RunWatch {

    /** One old version detached from one cluster (or from all clusters). */
    record Detached(RemoteLibrary library, String clusterId) {}

    private Checkpoints checkpoints = Checkpoints.NONE;
    private DeployCheckpoint.Phase phase = DeployCheckpoint.Phase.UPLOADING;
    /** Smoke contexts open now, as "cluster/context"; the smoke threads add and remove them. */
    private final java.util.Set<String> openContexts = new java.util.LinkedHashSet<>();
    /** Smoke runs of the main class submitted and not yet ended, as "cluster/run". */
    private final java.util.Set<String> openRuns = new java.util.LinkedHashSet<>();
    /** Why the rollback runs, for the checkpoint. */
    String failure;

    final DeployPlan plan;
    final Instant started;
    private final Clock clock;
    final Map<String, Long> timings = new LinkedHashMap<>();
    final List<String> attachedNew = new ArrayList<>();
    final List<Detached> detached = new ArrayList<>();
    final List<String> restarted = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    final List<SmokeReport> smoke = new ArrayList<>();
    /** What the report adds beyond the outcome, e.g. the old versions an aborted clean-up left. */
    final List<String> notes = new ArrayList<>();
    /** Clusters (or {@code __ALL_CLUSTERS}) the rollback could not put back, with what went wrong there. */
    final Map<String, String> notRestored = new LinkedHashMap<>();

    /** The new version, once stored (or found stored). */
    RemoteLibrary library;

    boolean reused;
    boolean rolledBack;

    DeployProgress(DeployPlan plan, Clock clock) {
        this.plan = plan;
        this.clock = clock;
        this.started = clock.instant();
        timings.put("preflight", plan.plannedMillis());
    }

    /** Restores what a checkpoint says was done, for {@link Deployer#resume}. */
    static DeployProgress resumed(DeployPlan plan, Clock clock, DeployCheckpoint cp) {
        DeployProgress p = new DeployProgress(plan, clock);
        p.phase = cp.phase();
        p.library = cp.library();
        p.reused = cp.reused();
        p.attachedNew.addAll(cp.attachedNew());
        cp.detached().forEach(d -> p.detached.add(new Detached(d.library(), d.clusterId())));
        p.restarted.addAll(cp.restarted());
        p.smoke.addAll(cp.smoke());
        p.deleted.addAll(cp.deleted());
        p.failure = cp.failure();
        return p;
    }

    void checkpointsTo(Checkpoints sink) {
        this.checkpoints = sink;
    }

    DeployCheckpoint.Phase phase() {
        return phase;
    }

    /** Saves where the deploy is; called before each change is sent and after each step. */
    void checkpoint(DeployCheckpoint.Phase now) {
        DeployCheckpoint cp;
        synchronized (this) {
            phase = now;
            cp = checkpoint();
        }
        checkpoints.save(cp);
    }

    @Override
    public void opened(String clusterId, String contextId) {
        synchronized (this) {
            openContexts.add(clusterId + "/" + contextId);
        }
        checkpoint(phase);
    }

    @Override
    public void closed(String clusterId, String contextId) {
        synchronized (this) {
            openContexts.remove(clusterId + "/" + contextId);
        }
        checkpoint(phase);
    }

    @Override
    public void submitted(String clusterId, long runId) {
        synchronized (this) {
            openRuns.add(clusterId + "/" + runId);
        }
        checkpoint(phase);
    }

    @Override
    public void ended(String clusterId, long runId) {
        synchronized (this) {
            openRuns.remove(clusterId + "/" + runId);
        }
        checkpoint(phase);
    }

    private DeployCheckpoint checkpoint() {
        JarArtifact jar = plan.jar();
        return new DeployCheckpoint(
                phase,
                plan.workspace(),
                plan.libraryName(),
                jar.path(),
                jar.length(),
                jar.sha256(),
                plan.targets().stream().map(DeployCheckpoint.Target::of).toList(),
                plan.oldVersions().stream().map(DeployCheckpoint.Old::of).toList(),
                plan.otherCopies().stream().map(DeployCheckpoint.Old::of).toList(),
                library,
                reused,
                attachedNew,
                detached.stream()
                        .map(d -> new DeployCheckpoint.Uninstall(d.library(), d.clusterId()))
                        .toList(),
                restarted,
                smoke,
                List.copyOf(openContexts),
                List.copyOf(openRuns),
                deleted,
                failure);
    }

    String libraryId() {
        return library == null ? null : library.id();
    }

    long lap(String step, Instant since) {
        long millis = Duration.between(since, clock.instant()).toMillis();
        timings.merge(step, millis, Long::sum);
        return millis;
    }

    long elapsedMillis() {
        return plan.plannedMillis() + Duration.between(started, clock.instant()).toMillis();
    }

    /** Whether an old version detached from this cluster (directly or through all clusters) is not back. */
    boolean oldMissingOn(String clusterId) {
        return notRestored.containsKey(clusterId)
                || notRestored.containsKey(DeploySpec.ALL_CLUSTERS)
                || (DeploySpec.ALL_CLUSTERS.equals(clusterId) && !notRestored.isEmpty());
    }

    /** What the rollback could not undo on this cluster, or {@code null}. */
    String rollbackProblemOn(String clusterId) {
        String problem = notRestored.get(clusterId);
        return problem != null ? problem : notRestored.get(DeploySpec.ALL_CLUSTERS);
    }

    boolean changedClusters() {
        return !attachedNew.isEmpty() || !detached.isEmpty();
    }

    DeployReport report(Outcome outcome, String failure, List<ClusterReport> clusters) {
        JarArtifact jar = plan.jar();
        return new DeployReport(
                outcome,
                plan.spec().workspaceUrl().toString(),
                new LibraryReport(
                        libraryId(),
                        plan.libraryName(),
                        plan.spec().folder(),
                        jar.sha256(),
                        jar.length(),
                        jar.path(),
                        reused),
                clusters,
                plan.oldVersions().stream().map(o -> o.library().id()).toList(),
                detached.stream().map(d -> d.library().id()).distinct().toList(),
                deleted,
                restarted,
                smoke,
                timings,
                plan.describe(),
                failure,
                notes);
    }
}
