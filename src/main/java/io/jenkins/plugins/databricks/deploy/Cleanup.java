package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.OldVersion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * After a successful deploy: deletes the folder's old versions beyond {@code keepVersions}, newest kept, but never one
 * that a cluster still lists in any state (it may be loaded, or load at the next start); those stay, and the log says
 * where. A failed delete leaves an untidy folder, not a failed deploy. Copies outside the folder are never deleted.
 *
 * <p>An abort here stops the clean-up but undoes nothing: every smoke command has passed, so the deploy stands. The
 * versions not deleted yet are logged and noted in the report, and the thread's interrupt flag is set again.
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

    void deleteBeyondKeep(DeployPlan plan, DeployProgress p) {
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
        } catch (InterruptedException e) {
            stopped(p, beyond, start);
            return;
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
                p.checkpoint(DeployCheckpoint.Phase.CLEANUP);
                log.line("Deleted old library " + id + " " + old.name() + " (beyond keepVersions=" + keep + ")");
            } catch (InterruptedException e) {
                stopped(p, beyond, start);
                return;
            } catch (GatewayException e) {
                log.line("Could not delete old library " + id + ": " + e.getMessage() + " — delete it by hand");
            }
        }
        p.lap("cleanup", start);
    }

    private void stopped(DeployProgress p, List<RemoteLibrary> beyond, Instant start) {
        List<String> left = beyond.stream()
                .filter(l -> !p.deleted.contains(l.id()))
                .map(l -> l.id() + " " + l.name())
                .toList();
        String note = "clean-up incomplete: aborted after every smoke command passed, so the deploy stands; old"
                + " versions left in the folder: " + String.join(", ", left);
        log.line("Clean-up stopped by the abort (no rollback: the deploy succeeded); old versions left in the folder: "
                + String.join(", ", left) + " — the next deploy deletes them, or delete them by hand");
        p.notes.add(note);
        p.lap("cleanup", start);
        Thread.currentThread().interrupt();
    }
}
