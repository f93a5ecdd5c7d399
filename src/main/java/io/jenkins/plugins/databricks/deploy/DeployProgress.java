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
final class DeployProgress {

    /** One old version detached from one cluster (or from all clusters). */
    record Detached(RemoteLibrary library, String clusterId) {}

    final DeployPlan plan;
    final Instant started;
    private final Clock clock;
    final Map<String, Long> timings = new LinkedHashMap<>();
    final List<String> attachedNew = new ArrayList<>();
    final List<Detached> detached = new ArrayList<>();
    final List<String> restarted = new ArrayList<>();
    final List<String> deleted = new ArrayList<>();
    final List<SmokeReport> smoke = new ArrayList<>();
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
                failure);
    }
}
