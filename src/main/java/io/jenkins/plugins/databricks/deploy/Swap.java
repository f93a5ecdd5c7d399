package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.OldVersion;
import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import java.time.Instant;

/**
 * The swap: install the new version on every target, then uninstall every replaced version there, then (re)start
 * what the plan says. New before old: an uninstall on a running cluster takes effect at its restart on both APIs, so
 * a cluster is never without a library.
 *
 * <p>Each change is recorded for the rollback before it is sent: a call that fails without an answer (a timeout, a
 * dropped connection) may still take effect on the server, and undoing a change that never happened is a no-op,
 * whereas leaving one in place can leave two versions installed or none.
 */
final class Swap {

    private final DatabricksGateway gateway;
    private final StepLog log;
    private final Poller poller;

    Swap(DatabricksGateway gateway, StepLog log, Poller poller) {
        this.gateway = gateway;
        this.log = log;
        this.poller = poller;
    }

    void swap(DeployPlan plan, DeployProgress p) throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        RemoteLibrary lib = p.library;
        String newId = lib.id();
        boolean everywhere = plan.spec().allClusters();
        if (everywhere) {
            p.attachedNew.add(DeploySpec.ALL_CLUSTERS);
            p.checkpoint(DeployCheckpoint.Phase.SWAPPING);
            StepFailedException.call(
                    "attach library " + newId + " to all clusters",
                    () -> gateway.install(lib, DatabricksGateway.ALL_CLUSTERS));
            log.line("Attached library " + newId + " to all clusters (" + DeploySpec.ALL_CLUSTERS + ")");
        } else {
            for (TargetCluster t : plan.targets()) {
                String id = t.cluster().id();
                p.attachedNew.add(id);
                p.checkpoint(DeployCheckpoint.Phase.SWAPPING);
                StepFailedException.call(
                        "attach library " + newId + " to " + t.cluster().label(), () -> gateway.install(lib, id));
                log.line("Attached library " + newId + " to " + t.cluster().label()
                        + (t.queued() ? ": queued, it takes effect at the cluster's next start" : ""));
            }
        }
        for (OldVersion old : plan.replaced()) {
            RemoteLibrary oldLib = old.library();
            String oldId = oldLib.id();
            String what = plan.oldVersions().contains(old)
                    ? "old library " + oldId + " " + oldLib.name()
                    : "other copy " + oldLib.where();
            if (everywhere && old.state().onAllClusters()) {
                p.detached.add(new DeployProgress.Detached(oldLib, DeploySpec.ALL_CLUSTERS));
                p.checkpoint(DeployCheckpoint.Phase.SWAPPING);
                StepFailedException.call(
                        "detach library " + oldId + " from all clusters",
                        () -> gateway.uninstall(oldLib, DatabricksGateway.ALL_CLUSTERS));
                log.line("Detached " + what + " from all clusters (" + DeploySpec.ALL_CLUSTERS + ")");
                continue;
            }
            for (TargetCluster t : plan.targets()) {
                if (!t.oldLoaded().contains(oldId)) {
                    continue;
                }
                String id = t.cluster().id();
                p.detached.add(new DeployProgress.Detached(oldLib, id));
                p.checkpoint(DeployCheckpoint.Phase.SWAPPING);
                StepFailedException.call(
                        "detach library " + oldId + " from " + t.cluster().label(),
                        () -> gateway.uninstall(oldLib, id));
                String effect = !t.cluster().isRunning()
                        ? ""
                        : t.restart()
                                ? " (its classes go with the restart)"
                                : ": its classes stay loaded until the cluster restarts (restart="
                                        + plan.spec().restart() + "); a JVM cannot unload a loaded jar";
                log.line("Detached " + what + " from " + t.cluster().label() + effect);
            }
        }
        p.lap("swap", start);
    }

    /** Restarts (or starts) every target the plan restarts, so it loads the new version. */
    void restart(DeployPlan plan, DeployProgress p) throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        p.checkpoint(DeployCheckpoint.Phase.RESTARTING);
        for (TargetCluster t : plan.targets()) {
            if (t.restart() && !p.restarted.contains(t.cluster().id())) { // a resume restarts only the others
                String id = t.cluster().id();
                boolean stopped = t.cluster().isTerminated();
                StepFailedException.call(
                        (stopped ? "start " : "restart ") + t.cluster().label(), () -> {
                            if (stopped) {
                                gateway.start(id);
                            } else {
                                gateway.restart(id);
                            }
                        });
                p.restarted.add(id);
                p.checkpoint(DeployCheckpoint.Phase.RESTARTING);
                log.line((stopped ? "Starting " : "Restarting ") + t.cluster().label() + t.restartReason());
            }
        }
        p.lap("wait", start);
    }
}
