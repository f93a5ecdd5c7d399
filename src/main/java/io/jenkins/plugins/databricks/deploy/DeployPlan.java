package io.jenkins.plugins.databricks.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a deploy will do, found without changing anything: the target clusters, the jar and its hash, the library
 * name, the old versions and where they are loaded, which clusters restart. {@link #describe()} is the dry-run
 * output; {@link Deployer#execute(DeployPlan)} carries it out.
 */
public final class DeployPlan {

    /**
     * One target cluster.
     *
     * @param oldLoaded ids of old versions present there (attached, or pending until a restart)
     * @param restart whether the deploy restarts it (or starts it, when terminated and the policy is ALWAYS)
     * @param queued terminated and not started: the attach takes effect at its next start, nobody waits for it
     */
    public record TargetCluster(RemoteCluster cluster, List<String> oldLoaded, boolean restart, boolean queued) {
        public TargetCluster {
            oldLoaded = List.copyOf(oldLoaded);
        }

        /** Why the deploy (re)starts it, as the plan and the log say it; a stopped cluster has no classes loaded. */
        String restartReason() {
            return cluster.isTerminated() || oldLoaded.isEmpty()
                    ? " (restart=ALWAYS)"
                    : ": the old classes are loaded and a JVM cannot unload them";
        }
    }

    /**
     * A version this deploy replaces, with its statuses when planned: an old version in the folder, or another copy
     * of the same artifact stored elsewhere and installed on a target (replaced because {@code replaces} or
     * {@code replaceOtherCopies} says so).
     */
    public record OldVersion(RemoteLibrary library, LibraryState state) {}

    private final DeploySpec spec;
    private final String workspace;
    private final JarArtifact jar;
    private final String libraryName;
    private final List<TargetCluster> targets;
    private final RemoteLibrary existing;
    private final List<OldVersion> oldVersions;
    private final List<OldVersion> otherCopies;
    private final boolean unchanged;
    private final String smokeCommand;
    private final long plannedMillis;
    private final List<String> repairs;

    DeployPlan(
            DeploySpec spec,
            String workspace,
            JarArtifact jar,
            String libraryName,
            List<TargetCluster> targets,
            RemoteLibrary existing,
            List<OldVersion> oldVersions,
            List<OldVersion> otherCopies,
            boolean unchanged,
            String smokeCommand,
            long plannedMillis) {
        this(
                spec,
                workspace,
                jar,
                libraryName,
                targets,
                existing,
                oldVersions,
                otherCopies,
                unchanged,
                smokeCommand,
                plannedMillis,
                List.of());
    }

    DeployPlan(
            DeploySpec spec,
            String workspace,
            JarArtifact jar,
            String libraryName,
            List<TargetCluster> targets,
            RemoteLibrary existing,
            List<OldVersion> oldVersions,
            List<OldVersion> otherCopies,
            boolean unchanged,
            String smokeCommand,
            long plannedMillis,
            List<String> repairs) {
        this.repairs = List.copyOf(repairs);
        this.spec = spec;
        this.workspace = workspace;
        this.jar = jar;
        this.libraryName = libraryName;
        this.targets = List.copyOf(targets);
        this.existing = existing;
        this.oldVersions = List.copyOf(oldVersions);
        this.otherCopies = List.copyOf(otherCopies);
        this.unchanged = unchanged;
        this.smokeCommand = smokeCommand;
        this.plannedMillis = plannedMillis;
    }

    /** The plan a checkpoint saved, with the spec built again (fresh credentials) by the resuming side. */
    static DeployPlan resumed(DeploySpec spec, DeployCheckpoint cp, JarArtifact jar, String smokeCommand) {
        return new DeployPlan(
                spec,
                cp.workspace(),
                jar,
                cp.libraryName(),
                cp.targets().stream().map(DeployCheckpoint.Target::toTarget).toList(),
                null,
                cp.oldVersions().stream().map(DeployCheckpoint.Old::toOld).toList(),
                cp.otherCopies().stream().map(DeployCheckpoint.Old::toOld).toList(),
                false,
                smokeCommand,
                0);
    }

    public DeploySpec spec() {
        return spec;
    }

    public JarArtifact jar() {
        return jar;
    }

    public String libraryName() {
        return libraryName;
    }

    public List<TargetCluster> targets() {
        return targets;
    }

    /** The identical jar already stored under {@link #libraryName()} in the folder, reused instead of uploaded. */
    public Optional<RemoteLibrary> existing() {
        return Optional.ofNullable(existing);
    }

    /** The old versions in the folder, newest first. */
    public List<OldVersion> oldVersions() {
        return oldVersions;
    }

    /** Copies of the same artifact stored outside the folder and installed on a target, which the swap removes too. */
    public List<OldVersion> otherCopies() {
        return otherCopies;
    }

    /** Everything the swap uninstalls from the targets: the folder's old versions, then the other copies. */
    List<OldVersion> replaced() {
        List<OldVersion> all = new ArrayList<>(oldVersions);
        all.addAll(otherCopies);
        return all;
    }

    /** The identical jar is already the attached version on every target and no old version is loaded there. */
    public boolean unchanged() {
        return unchanged;
    }

    /** The smoke command text (read from the file when given as one); absent without a smoke command. */
    public Optional<String> smokeCommand() {
        return Optional.ofNullable(smokeCommand);
    }

    /** The marks of earlier deploys that did not finish, each with what this deploy does about it ({@link Traces}). */
    public List<String> repairs() {
        return repairs;
    }

    long plannedMillis() {
        return plannedMillis;
    }

    String workspace() {
        return workspace;
    }

    /** The plan as log lines (without the prefix): what a dry run prints. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Plan for " + workspace + ":");
        if (unchanged) {
            lines.add("  nothing to do: " + existing.label()
                    + " (identical SHA-256) is already attached to every target cluster");
            return lines;
        }
        if (existing != null) {
            lines.add("  reuse " + existing.placed() + " (same name, identical SHA-256 "
                    + LibraryNameTemplate.shortHash(jar.sha256()) + ")");
        } else {
            lines.add("  upload " + jar.path() + " (" + LogFormat.size(jar.length()) + ") as " + libraryName + " to "
                    + spec.folder());
        }
        repairs.forEach(r -> lines.add("  repair: " + r));
        lines.add(
                "  attach it to " + (spec.allClusters() ? "all clusters (" + DeploySpec.ALL_CLUSTERS + ")" : names()));
        for (OldVersion old : oldVersions) {
            lines.add("  old version " + old.library().label() + detachFrom(old));
        }
        for (OldVersion copy : otherCopies) {
            lines.add("  other copy " + copy.library().where() + detachFrom(copy));
        }
        for (TargetCluster t : targets) {
            String what;
            if (t.queued()) {
                what = "is " + t.cluster().state() + ": not started (restart=" + spec.restart()
                        + "); the attach takes effect at its next start";
            } else if (t.restart()) {
                what = (t.cluster().isTerminated() ? "start it" : "restart it") + t.restartReason();
            } else if (!t.oldLoaded().isEmpty() && t.cluster().isRunning()) {
                what = "no restart (restart=" + spec.restart() + "): it keeps running the old classes until it"
                        + " restarts";
            } else {
                what = "no restart needed: the new jar loads without one";
            }
            lines.add("  cluster " + t.cluster().name() + " (" + t.cluster().id() + ", "
                    + t.cluster().state() + "): " + what);
        }
        spec.smoke().flatMap(SmokeSpec::jarMainClass).ifPresent(mainClass -> {
            SmokeSpec smoke = spec.smoke().orElseThrow();
            int n = smoke.parameters().size();
            // The parameters are not shown: like a command's text, they may carry what a log should not.
            lines.add("  smoke run of " + mainClass + (n == 0 ? "" : " with " + n + " parameter" + (n == 1 ? "" : "s"))
                    + " (a one-time job run, timeout " + LogFormat.duration(smoke.timeout())
                    + ") on each running target cluster"
                    + smoke.expected()
                            .map(p -> ", logs must match /" + p.pattern() + "/")
                            .orElse(""));
        });
        if (smokeCommand != null) {
            SmokeSpec smoke = spec.smoke().orElseThrow();
            lines.add("  smoke command (" + smoke.language().wireValue() + ", timeout "
                    + LogFormat.duration(smoke.timeout()) + ") on each running target cluster"
                    + smoke.expected()
                            .map(p -> ", output must match /" + p.pattern() + "/")
                            .orElse(""));
        }
        spec.keepVersions().ifPresent(keep -> {
            List<String> beyond =
                    oldVersions.stream().skip(keep).map(o -> o.library().id()).toList();
            lines.add("  after success, delete old versions beyond the newest " + keep + ": "
                    + (beyond.isEmpty() ? "none" : String.join(", ", beyond)));
        });
        lines.add("  on failure: "
                + (spec.rollback()
                        ? "re-attach the old version, detach the new one, and wait until every restarted"
                                + " cluster runs the old version again"
                        : "no rollback"));
        return lines;
    }

    private String detachFrom(OldVersion old) {
        List<String> on = targets.stream()
                .filter(t -> t.oldLoaded().contains(old.library().id()))
                .map(t -> t.cluster().name())
                .toList();
        return (on.isEmpty() ? ": not attached to the targets" : ": detach from " + String.join(", ", on))
                + (old.state().onAllClusters() ? " (attached to all clusters)" : "");
    }

    private String names() {
        return targets.stream().map(t -> t.cluster().label()).collect(Collectors.joining(", "));
    }
}
