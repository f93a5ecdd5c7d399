package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.OldVersion;
import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The marks a deploy leaves when nothing could finish it (a freestyle build whose controller died, a killed agent, a
 * lost controller), as pre-flight sees them, each with the repair this deploy makes. The swap itself is the repair:
 * it installs the new version on every target and uninstalls every version of the artifact there; this class makes
 * the plan and the log say so, so nobody wonders why a cluster had two versions, or where a library came from.
 *
 * <ul>
 *   <li>two versions of the artifact on one target (a swap or a rollback cut short);
 *   <li>this jar's library installed on some targets only (a swap cut short);
 *   <li>a version in the folder newer than what any target runs, installed nowhere (an upload whose deploy did not
 *       finish).
 * </ul>
 */
final class Traces {

    private Traces() {}

    /** One line per trace, "what was found — what this deploy does about it". */
    static List<String> find(
            String newName,
            List<TargetCluster> targets,
            RemoteLibrary existing,
            LibraryState existingState,
            List<OldVersion> old,
            OptionalInt keepVersions,
            RestartPolicy restart) {
        List<String> found = new ArrayList<>();
        for (TargetCluster t : targets) {
            String id = t.cluster().id();
            List<String> versions = new ArrayList<>();
            if (existingState != null && existingState.presentOn(id)) {
                versions.add(existing.name() + " " + existingState.statusOn(id).word());
            }
            for (OldVersion o : old) {
                if (o.state().presentOn(id)) {
                    versions.add(
                            o.library().name() + " " + o.state().statusOn(id).word());
                }
            }
            if (versions.size() >= 2) {
                found.add("cluster " + t.cluster().label() + " has " + versions.size() + " versions of the artifact ("
                        + String.join(", ", versions) + "), the mark of a deploy or rollback that did not finish — this"
                        + " deploy keeps " + newName + " alone there"
                        + (t.restart() || !t.cluster().isRunning()
                                ? ""
                                : " (restart=" + restart + ": the old classes stay loaded until it restarts)"));
            }
        }
        if (existingState != null) {
            List<String> with = new ArrayList<>();
            List<String> without = new ArrayList<>();
            for (TargetCluster t : targets) {
                (existingState.presentOn(t.cluster().id()) ? with : without)
                        .add(t.cluster().label());
            }
            if (!with.isEmpty() && !without.isEmpty()) {
                found.add(existing.name() + " (this jar) is installed on " + String.join(", ", with) + " but not on "
                        + String.join(", ", without) + ", the mark of a swap that did not finish — this deploy"
                        + " installs it on the others and finishes the swap");
            } else if (with.isEmpty() && !existingState.presentAnywhere()) {
                found.add(existing.where() + " (this jar, already uploaded) is installed nowhere, the mark of a deploy"
                        + " cut short after its upload — this deploy uses it instead of uploading again");
            }
        }
        long newestRun = old.stream()
                .filter(o -> targets.stream()
                        .anyMatch(t -> o.state().presentOn(t.cluster().id())))
                .mapToLong(o -> o.library().sequence())
                .max()
                .orElse(Long.MIN_VALUE);
        List<OldVersion> orphans = old.stream()
                .filter(o -> newestRun != Long.MIN_VALUE && o.library().sequence() > newestRun)
                .filter(o -> !o.state().presentAnywhere())
                .toList();
        for (OldVersion o : orphans) {
            int index = old.indexOf(o);
            boolean deleted = keepVersions.isPresent() && index >= keepVersions.getAsInt();
            found.add(o.library().where() + " is newer than what the targets run and installed nowhere, the mark of"
                    + " an upload whose deploy did not finish — "
                    + (deleted
                            ? "deleted after a successful deploy (beyond keepVersions=" + keepVersions.getAsInt() + ")"
                            : "left in the folder as an old version"
                                    + (keepVersions.isPresent() ? "" : " (keepVersions deletes such versions)")));
        }
        return found;
    }
}
