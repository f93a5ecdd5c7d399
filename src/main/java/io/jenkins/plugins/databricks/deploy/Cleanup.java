package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.OldVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * After a successful deploy: deletes the folder's old versions beyond {@code keepVersions}, newest kept, but never one
 * that a cluster still lists in any state (it may be loaded, or load at the next start); those stay, and the log says
 * where. A failed delete leaves an untidy folder, not a failed deploy. Copies outside the folder are never deleted.
 */
final class Cleanup {

    private final DatabricksGateway gateway;
    private final Poller poller;
    private final StepLog log;

    Cleanup(DatabricksGateway gateway, Poller poller, StepLog log) {
        this.gateway = gateway;
        this.poller = poller;
        this.log = log;
    }

    void deleteBeyondKeep(DeployPlan plan, DeployProgress p) throws InterruptedException {
        if (plan.spec().keepVersions().isEmpty()) {
            return;
        }
        int keep = plan.spec().keepVersions().getAsInt();
        List<RemoteLibrary> beyond =
                plan.oldVersions().stream().skip(keep).map(OldVersion::library).toList();
        if (beyond.isEmpty()) {
            return;
        }
        Instant start = poller.clock().instant();
        List<LibraryState> now;
        try {
            // Read right before deleting: someone may have installed one since the pre-flight.
            now = gateway.statuses(beyond);
        } catch (GatewayException e) {
            log.line("Could not read the old versions' statuses, so none was deleted: " + e.getMessage()
                    + " — delete them by hand once no cluster lists them");
            p.lap("cleanup", start);
            return;
        }
        for (LibraryState state : now) {
            RemoteLibrary old = state.library();
            String id = old.id();
            List<String> stillLoaded = state.statuses().entrySet().stream()
                    .filter(e -> e.getValue().present())
                    .map(Map.Entry::getKey)
                    .map(cluster -> cluster + " " + state.statusOn(cluster).word())
                    .toList();
            if (state.presentAnywhere()) {
                log.line("Kept old library " + id + " " + old.name() + " beyond keepVersions=" + keep
                        + ": a cluster still has it ("
                        + (state.onAllClusters() ? "all clusters" : String.join(", ", stillLoaded))
                        + "); it can be deleted after a restart");
                continue;
            }
            try {
                GatewayCalls.stopIfInterrupted("delete library " + id);
                gateway.delete(old);
                p.deleted.add(id);
                log.line("Deleted old library " + id + " " + old.name() + " (beyond keepVersions=" + keep + ")");
            } catch (GatewayException e) {
                log.line("Could not delete old library " + id + ": " + e.getMessage() + " — delete it by hand");
            }
        }
        p.lap("cleanup", start);
    }
}
