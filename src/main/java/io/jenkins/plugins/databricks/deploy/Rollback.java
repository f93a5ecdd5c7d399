package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Undoes a swap: re-install every replaced version where it was uninstalled, then uninstall the new one — except where
 * the old one could not be put back, because a cluster keeps the new version rather than end up with none. When the
 * deploy had restarted clusters, restart them again and wait (within {@code waitTimeout}) until each runs with the old
 * version installed; only what was seen there counts as rolled back.
 *
 * <p>An interrupt during the rollback (a second abort) stops it between calls, or cancels the call in flight; it logs
 * and notes what it left undone, so the user knows which clusters to look at.
 */
final class Rollback {

    private final DatabricksGateway gateway;
    private final Poller poller;
    private final StepLog log;

    Rollback(DatabricksGateway gateway, Poller poller, StepLog log) {
        this.gateway = gateway;
        this.poller = poller;
        this.log = log;
    }

    /**
     * @param restartAndConfirm restart what the deploy restarted and wait for the old version there (not on an abort:
     *     nobody waits then)
     * @throws StepFailedException when something could not be put back or was not seen back; each cluster's problem
     *     is in {@link DeployProgress#notRestored}
     */
    void run(DeployPlan plan, DeployProgress p, boolean restartAndConfirm)
            throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        p.rolledBack = true;
        List<String> undone = new ArrayList<>();
        for (DeployProgress.Detached d : p.detached) {
            undone.add("re-attach old library " + d.library().id() + " to " + describe(plan, d.clusterId()));
        }
        for (String clusterId : p.attachedNew) {
            undone.add("detach new library " + p.libraryId() + " from " + describe(plan, clusterId));
        }
        try {
            undo(plan, p, restartAndConfirm, undone);
        } catch (InterruptedException e) {
            String left = "rollback stopped by a second abort; left undone: "
                    + (undone.isEmpty() ? "the restart and the wait for the old version" : String.join("; ", undone));
            log.line("Rollback: " + left);
            p.notes.add(left);
            p.lap("rollback", start);
            throw new InterruptedException(left);
        }
        p.lap("rollback", start);
    }

    private void undo(DeployPlan plan, DeployProgress p, boolean restartAndConfirm, List<String> undone)
            throws StepFailedException, InterruptedException {
        List<String> problems = new ArrayList<>();
        for (DeployProgress.Detached d : p.detached) {
            GatewayCalls.stopIfInterrupted("the rollback");
            try {
                gateway.install(d.library(), d.clusterId());
                log.line("Rollback: attached old library " + d.library().id() + " to " + describe(plan, d.clusterId()));
            } catch (GatewayException e) {
                String problem =
                        "could not re-attach old library " + d.library().id() + ": " + e.getMessage();
                p.notRestored.put(d.clusterId(), problem);
                problems.add(problem + " (" + describe(plan, d.clusterId()) + ")");
                log.line("Rollback: " + problem + " — on " + describe(plan, d.clusterId()));
            }
            undone.remove(0);
        }
        String newId = p.libraryId();
        for (String clusterId : p.attachedNew) {
            GatewayCalls.stopIfInterrupted("the rollback");
            if (p.oldMissingOn(clusterId)) {
                undone.remove(0);
                log.line("Rollback: kept new library " + newId + " on " + describe(plan, clusterId)
                        + ": the old version is not back there, and a cluster must not be left without one");
                continue;
            }
            try {
                gateway.uninstall(p.library, clusterId);
                log.line("Rollback: detached new library " + newId + " from " + describe(plan, clusterId));
            } catch (GatewayException e) {
                String problem = "could not detach new library " + newId + ": " + e.getMessage();
                p.notRestored.putIfAbsent(clusterId, problem);
                problems.add(problem + " (" + describe(plan, clusterId) + ")");
                log.line("Rollback: " + problem + " — on " + describe(plan, clusterId));
            }
            undone.remove(0);
        }
        // A cluster that kept the new version already runs it; restarting it would load nothing else.
        List<String> again =
                p.restarted.stream().filter(id -> !p.oldMissingOn(id)).toList();
        if (restartAndConfirm && !again.isEmpty()) {
            List<String> restarted = new ArrayList<>();
            for (String id : again) {
                try {
                    gateway.restart(id);
                    restarted.add(id);
                    log.line("Rollback: restarting " + describe(plan, id) + " so it loads the old version");
                } catch (GatewayException e) {
                    String problem = "could not restart it: " + e.getMessage();
                    p.notRestored.putIfAbsent(id, problem);
                    problems.add("restart " + id + ": " + e.getMessage());
                }
            }
            confirm(plan, p, restarted, problems);
        }
        if (!problems.isEmpty()) {
            throw new StepFailedException(String.join("; ", problems));
        }
    }

    /** Waits until every restarted cluster runs with its old versions installed; what was not seen is a problem. */
    private void confirm(DeployPlan plan, DeployProgress p, List<String> restarted, List<String> problems)
            throws InterruptedException {
        if (restarted.isEmpty()) {
            return;
        }
        List<ClusterWait.Awaited> awaited = new ArrayList<>();
        for (TargetCluster t : plan.targets()) {
            String id = t.cluster().id();
            if (restarted.contains(id)) {
                List<RemoteLibrary> old = p.detached.stream()
                        .filter(d -> d.clusterId().equals(id) || d.clusterId().equals(DeploySpec.ALL_CLUSTERS))
                        .map(DeployProgress.Detached::library)
                        .distinct()
                        .toList();
                awaited.add(new ClusterWait.Awaited(t.cluster(), old));
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        try {
            new ClusterWait(gateway, poller, log)
                    .until(
                            "clusters "
                                    + awaited.stream()
                                            .map(a -> a.planned().name())
                                            .collect(Collectors.joining(", "))
                                    + " to be Running with the old version installed again after the rollback",
                            plan.spec().waitTimeout(),
                            awaited,
                            "Rollback confirmed: ",
                            seen);
        } catch (StepFailedException e) {
            problems.add(e.getMessage());
            for (ClusterWait.Awaited a : awaited) {
                if (!seen.contains(a.planned().id())) {
                    p.notRestored.putIfAbsent(a.planned().id(), "old version not seen back: " + e.getMessage());
                }
            }
        }
    }

    static String describe(DeployPlan plan, String clusterId) {
        if (DeploySpec.ALL_CLUSTERS.equals(clusterId)) {
            return "all clusters (" + DeploySpec.ALL_CLUSTERS + ")";
        }
        return plan.targets().stream()
                .filter(t -> t.cluster().id().equals(clusterId))
                .map(t -> t.cluster().label())
                .findFirst()
                .orElse(clusterId);
    }
}
