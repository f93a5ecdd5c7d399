package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import io.jenkins.plugins.databricks.deploy.DeployReport.ClusterReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a deploy left each target, as Databricks reports it at the end (read again, since a smoke command may have run
 * for minutes): its state, the new library's status there, and a note on what the user should know.
 */
final class ClusterReports {

    private final DatabricksGateway gateway;
    private final StepLog log;

    ClusterReports(DatabricksGateway gateway, StepLog log) {
        this.gateway = gateway;
        this.log = log;
    }

    /** Reads and logs every target's final state. */
    List<ClusterReport> logged(DeployPlan plan, DeployProgress p) {
        List<ClusterReport> finals = read(plan, p);
        finals.forEach(this::log);
        return finals;
    }

    /** Each target's state and the new library's status there, as Databricks reports them now (best effort). */
    List<ClusterReport> read(DeployPlan plan, DeployProgress p) {
        boolean interrupted = Thread.interrupted();
        try {
            Map<String, RemoteCluster> now = new LinkedHashMap<>();
            LibraryState lib = null;
            String problem = null;
            try {
                gateway.clusters().forEach(c -> now.put(c.id(), c));
                lib = p.library == null
                        ? null
                        : gateway.statuses(List.of(p.library)).get(0);
            } catch (GatewayException | InterruptedException e) {
                problem = "state unknown: " + e.getMessage();
            }
            List<ClusterReport> out = new ArrayList<>();
            for (TargetCluster t : plan.targets()) {
                RemoteCluster c = now.getOrDefault(t.cluster().id(), t.cluster());
                String status;
                InstallStatus seen = null;
                if (lib == null) {
                    status = p.library == null ? "not uploaded" : "unknown";
                } else if (lib.onAllClusters() && !lib.statuses().containsKey(c.id())) {
                    status = "Attached (all clusters)";
                } else {
                    seen = lib.statusOn(c.id());
                    status = t.queued() && seen.on(c).phase() == InstallStatus.Phase.QUEUED
                            ? "queued for the next start"
                            : seen.word();
                }
                out.add(new ClusterReport(
                        c.id(),
                        c.name(),
                        c.state(),
                        status,
                        p.restarted.contains(c.id()),
                        problem != null ? problem : note(t, c, p, seen, status)));
            }
            return out;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String note(
            TargetCluster t, RemoteCluster now, DeployProgress p, InstallStatus newStatus, String shown) {
        if (p.rolledBack) {
            String problem = p.rollbackProblemOn(t.cluster().id());
            if (problem != null) {
                return "rollback incomplete: " + problem;
            }
            String rolledBack = t.oldLoaded().isEmpty()
                    ? "rolled back: no old version was attached here"
                    : "rolled back to " + String.join(", ", t.oldLoaded());
            // An uninstall takes effect at the next restart: until then the JVM still has the new version's classes.
            boolean stillLoaded =
                    p.library != null && (newStatus == null || newStatus.phase() != InstallStatus.Phase.ABSENT);
            return now.isRunning() && stillLoaded
                    ? rolledBack + "; the new version stays loaded (" + shown + ") until the cluster restarts"
                    : rolledBack;
        }
        if (t.queued()) {
            return "not running: the new library takes effect at its next start";
        }
        if (!t.oldLoaded().isEmpty()
                && !p.restarted.contains(t.cluster().id())
                && now.isRunning()
                && !p.attachedNew.isEmpty()) {
            return "not restarted: it runs the old classes until it restarts";
        }
        return null;
    }

    private void log(ClusterReport c) {
        log.line("Cluster " + c.name() + " (" + c.id() + "): " + c.state() + ", new library " + c.libraryStatus()
                + (c.restarted() ? ", restarted" : "") + (c.note() == null ? "" : " — " + c.note()));
    }
}
