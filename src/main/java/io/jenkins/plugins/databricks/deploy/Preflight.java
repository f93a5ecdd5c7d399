package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.OldVersion;
import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Pre-flight: only reads. Resolves the target clusters (id first, then exact name; an ambiguous name is an error),
 * finds and hashes the jar, renders the library name, finds the old versions in the folder and where they are
 * loaded, and decides per cluster whether it restarts or stays queued. Every problem is a {@link DeployException}
 * naming the field, before anything changed.
 */
final class Preflight {

    /** Smoke command files larger than this are refused: they are commands, not data. */
    static final int MAX_COMMAND_FILE_BYTES = 1024 * 1024;

    private final DatabricksGateway gateway;
    private final JarLocator files;
    private final StepLog log;
    private final Clock clock;
    private final Poller poller;

    Preflight(DatabricksGateway gateway, JarLocator files, StepLog log, Poller poller) {
        this.gateway = gateway;
        this.files = files;
        this.log = log;
        this.poller = poller;
        this.clock = poller.clock();
    }

    DeployPlan plan(DeploySpec spec) throws DeployException, InterruptedException {
        Instant start = clock.instant();
        List<FieldError> refused = new ArrayList<>();
        if (spec.allClusters() && !gateway.installsOnAllClusters()) {
            refused.add(new FieldError(
                    DeployField.CLUSTERS,
                    DeploySpec.ALL_CLUSTERS + " is not possible on " + gateway.describe() + ", which has no install"
                            + " for all clusters — list the clusters by id or name"));
        }
        refused.addAll(gateway.check(spec));
        if (!refused.isEmpty()) {
            throw new DeployException(refused.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }
        List<RemoteCluster> clusters = GatewayCalls.read(gateway, "list clusters", gateway::clusters);
        List<RemoteCluster> chosen = settled(spec, resolveClusters(spec, clusters));
        List<String> broken = chosen.stream()
                .filter(RemoteCluster::isFailed)
                .map(RemoteCluster::label)
                .toList();
        if (!broken.isEmpty() && !spec.allClusters()) {
            throw new DeployException(DeployField.CLUSTERS + ": " + String.join(", ", broken) + " is in state Error"
                    + " and cannot take a library — repair it in Databricks or leave it out");
        }
        JarArtifact jar = locateJar(spec);
        String smokeCommand = readSmokeCommand(spec);
        String name = spec.libraryName()
                .render(jar.baseName(), jar.sha256(), spec.buildId().orElse(null), clock.instant());
        Predicate<String> sameArtifact = spec.libraryName().earlierVersions(jar.baseName());
        Predicate<RemoteLibrary> explicit = spec.replaces()
                .<Predicate<RemoteLibrary>>map(p -> l -> p.matcher(l.name()).matches())
                .orElse(l -> false);
        Predicate<RemoteLibrary> replaces = spec.replaces().isPresent() ? explicit : l -> sameArtifact.test(l.name());
        LibraryInventory inventory = GatewayCalls.read(
                gateway,
                "list libraries",
                () -> gateway.inventory(
                        spec.folder(),
                        n -> n.equals(name)
                                || sameArtifact.test(n)
                                || spec.replaces()
                                        .map(p -> p.matcher(n).matches())
                                        .orElse(false)));
        RemoteLibrary existing = inventory.folder().stream()
                .filter(l -> l.name().equals(name))
                .findFirst()
                .orElse(null);
        if (existing != null && !spec.libraryName().usesHash()) {
            throw new DeployException(DeployField.LIBRARY_NAME + ": " + spec.folder() + " already holds a library"
                    + " named " + name + " (id " + existing.id() + "), and without {hash} in '"
                    + spec.libraryName().template() + "' it cannot be shown to be this jar — add {hash} or {build}"
                    + " to the name, or delete that library");
        }
        if (existing != null && !existing.sizeMatches(jar)) {
            throw new DeployException(DeployField.LIBRARY_NAME + ": " + existing.path() + " holds "
                    + LogFormat.size(existing.sizeBytes()) + ", not the " + LogFormat.size(jar.length()) + " of "
                    + jar.path() + ", under the name this jar's hash gives — delete it, it is not this jar");
        }
        List<OldVersion> old = inventory.folder().stream()
                .filter(l -> !l.name().equals(name))
                .filter(replaces)
                .sorted(Comparator.comparingLong(RemoteLibrary::sequence).reversed())
                .map(l -> new OldVersion(l, inventory.stateOf(l)))
                .toList();
        List<OldVersion> otherCopies = otherCopies(spec, jar, chosen, inventory, sameArtifact, explicit);
        List<OldVersion> replaced = new ArrayList<>(old);
        replaced.addAll(otherCopies);
        for (OldVersion o : replaced) {
            if (o.state().onAllClusters() && !spec.allClusters()) {
                throw new DeployException(DeployField.CLUSTERS + ": the old version "
                        + o.library().name() + " (id "
                        + o.library().id() + ") is attached to all clusters; "
                        + (gateway.installsOnAllClusters()
                                ? "target " + DeploySpec.ALL_CLUSTERS + " to replace it everywhere, or "
                                : "")
                        + "detach it from all clusters first");
            }
        }
        LibraryState existingState = existing == null ? null : inventory.stateOf(existing);
        List<TargetCluster> targets = new ArrayList<>();
        boolean unchanged = existingState != null;
        for (RemoteCluster c : chosen) {
            List<String> oldLoaded = replaced.stream()
                    .filter(o -> o.state().presentOn(c.id()))
                    .map(o -> o.library().id())
                    .toList();
            // On a cluster that is not running, "there" means queued for its next start.
            boolean newThere = existingState != null
                    && (spec.allClusters()
                            ? existingState.onAllClusters()
                            : c.isRunning()
                                    ? existingState.installedExactlyOn(c.id())
                                    : existingState.presentOn(c.id()));
            unchanged &= newThere && oldLoaded.isEmpty();
            boolean restart =
                    switch (spec.restart()) {
                        case NEVER -> false;
                        case IF_RUNNING -> c.isRunning() && !oldLoaded.isEmpty();
                        case ALWAYS -> true;
                    };
            boolean queued = c.isTerminated() && !restart;
            targets.add(new TargetCluster(c, oldLoaded, restart, queued));
        }
        if (unchanged) {
            targets = targets.stream()
                    .map(t -> new TargetCluster(
                            t.cluster(), t.oldLoaded(), false, t.cluster().isTerminated()))
                    .toList();
        }
        List<TargetCluster> judged = targets;
        PreflightFindings findings = GatewayCalls.read(
                gateway, "check the targets", () -> gateway.preflight(spec, spec.folder() + "/" + name, judged));
        findings.warnings().forEach(w -> log.line("Pre-flight: warning: " + w));
        if (!findings.refusals().isEmpty()) {
            String message =
                    findings.refusals().stream().map(FieldError::toString).collect(Collectors.joining("; "));
            log.line("Pre-flight: " + message);
            throw new DeployException(message);
        }
        long millis = Duration.between(start, clock.instant()).toMillis();
        log.line("Pre-flight on " + gateway.describe() + ": " + targets.size() + " target cluster"
                + (targets.size() == 1 ? "" : "s") + ", jar " + jar.path() + " (" + LogFormat.size(jar.length())
                + ", sha256 " + LibraryNameTemplate.shortHash(jar.sha256()) + "), library name " + name + ", "
                + old.size() + " old version" + (old.size() == 1 ? "" : "s") + " in " + spec.folder()
                + (otherCopies.isEmpty()
                        ? ""
                        : ", " + otherCopies.size() + " other cop" + (otherCopies.size() == 1 ? "y" : "ies")
                                + " to replace (" + describe(otherCopies, chosen) + ")")
                + " (" + LogFormat.duration(Duration.ofMillis(millis)) + ")");
        List<String> repairs = unchanged
                ? List.of()
                : Traces.find(name, targets, existing, existingState, old, spec.keepVersions(), spec.restart());
        for (String repair : repairs) {
            log.line("Found the mark of a deploy that did not finish: " + repair);
        }
        return new DeployPlan(
                spec,
                gateway.describe(),
                jar,
                name,
                targets,
                existing,
                old,
                otherCopies,
                unchanged,
                smokeCommand,
                millis,
                repairs);
    }

    /**
     * Copies of the same artifact stored outside the folder and installed on a target: two jars with the same classes
     * on one cluster are undefined behaviour, so the deploy replaces them when {@code replaces} or
     * {@code replaceOtherCopies} says so, and otherwise refuses before anything changes.
     */
    private List<OldVersion> otherCopies(
            DeploySpec spec,
            JarArtifact jar,
            List<RemoteCluster> targets,
            LibraryInventory inventory,
            Predicate<String> sameArtifact,
            Predicate<RemoteLibrary> replaces)
            throws DeployException {
        // Only an explicit replaces covers a copy outside the folder; the default rule stays inside it.
        List<OldVersion> copies = inventory.candidates().stream()
                .filter(s -> !s.library().isIn(spec.folder()))
                .filter(s -> targets.stream().anyMatch(c -> s.presentOn(c.id())))
                .map(s -> new OldVersion(s.library(), s))
                .toList();
        List<OldVersion> covered =
                copies.stream().filter(o -> replaces.test(o.library())).toList();
        List<OldVersion> uncovered = copies.stream()
                .filter(o ->
                        !covered.contains(o) && sameArtifact.test(o.library().name()))
                .toList();
        if (!uncovered.isEmpty() && !spec.replaceOtherCopies()) {
            String example = LibraryNameTemplate.artifactName(jar.baseName()).replace(".", "\\.") + ".*\\.jar";
            String message = DeployField.REPLACE_OTHER_COPIES + ": other copies of this jar's artifact are installed"
                    + " on the target clusters: " + describe(uncovered, targets) + " — two jars with the same classes"
                    + " on one cluster are undefined behaviour, so nothing was changed. Either set "
                    + DeployField.REPLACE_OTHER_COPIES + ": true to detach them in this deploy, or give "
                    + DeployField.REPLACES + " a pattern that matches their names, e.g. '" + example + "'";
            log.line("Pre-flight: other copies of " + LibraryNameTemplate.artifactName(jar.baseName())
                    + " on the targets: " + describe(uncovered, targets));
            throw new DeployException(message);
        }
        List<OldVersion> out = new ArrayList<>(covered);
        if (spec.replaceOtherCopies()) {
            out.addAll(uncovered);
        }
        return out;
    }

    /** {@code /Shared/libs/app.jar (library 12) on etl, ml}, for each copy. */
    private static String describe(List<OldVersion> copies, List<RemoteCluster> targets) {
        return copies.stream()
                .map(o -> o.library().where() + " on "
                        + targets.stream()
                                .filter(c -> o.state().presentOn(c.id()))
                                .map(RemoteCluster::label)
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }

    /**
     * The targets once none is Pending, Restarting or Resizing: what such a cluster runs, and whether it needs a
     * restart, is only known once it is up. Waits at most {@code waitTimeout}.
     */
    private List<RemoteCluster> settled(DeploySpec spec, List<RemoteCluster> chosen)
            throws DeployException, InterruptedException {
        if (chosen.stream().noneMatch(RemoteCluster::isSettling)) {
            return chosen;
        }
        List<String> ids = chosen.stream().map(RemoteCluster::id).toList();
        log.line("Pre-flight: waiting for "
                + chosen.stream()
                        .filter(RemoteCluster::isSettling)
                        .map(c -> c.label() + " (" + c.state() + ")")
                        .collect(Collectors.joining(", "))
                + " to settle before planning");
        List<RemoteCluster> now;
        try {
            now = poller.until(
                    "the target clusters to leave Pending, Restarting and Resizing",
                    spec.waitTimeout(),
                    () -> GatewayCalls.read(gateway, "list clusters", gateway::clusters).stream()
                            .filter(c -> ids.contains(c.id()))
                            .toList(),
                    cs -> cs.stream().noneMatch(RemoteCluster::isSettling));
        } catch (PollTimeoutException e) {
            throw new DeployException(DeployField.CLUSTERS + ": " + e.getMessage() + " — nothing was changed; deploy"
                    + " again once the clusters are up, or raise " + DeployField.WAIT_TIMEOUT);
        }
        return ids.stream()
                .flatMap(id -> now.stream().filter(c -> c.id().equals(id)))
                .toList();
    }

    private List<RemoteCluster> resolveClusters(DeploySpec spec, List<RemoteCluster> clusters) throws DeployException {
        if (spec.allClusters()) {
            return List.copyOf(clusters);
        }
        List<String> errors = new ArrayList<>();
        Map<String, RemoteCluster> chosen = new LinkedHashMap<>();
        for (String entry : spec.clusters()) {
            RemoteCluster byId = clusters.stream()
                    .filter(c -> c.id().equals(entry))
                    .findFirst()
                    .orElse(null);
            if (byId != null) {
                chosen.putIfAbsent(byId.id(), byId);
                continue;
            }
            List<RemoteCluster> byName =
                    clusters.stream().filter(c -> entry.equals(c.name())).toList();
            if (byName.size() == 1) {
                chosen.putIfAbsent(byName.get(0).id(), byName.get(0));
            } else if (byName.isEmpty()) {
                errors.add("no cluster with id or name '" + entry + "' — known clusters: " + known(clusters));
            } else {
                errors.add("'" + entry + "' names " + byName.size() + " clusters ("
                        + byName.stream().map(RemoteCluster::id).collect(Collectors.joining(", "))
                        + ") — give the cluster id instead");
            }
        }
        if (!errors.isEmpty()) {
            throw new DeployException(DeployField.CLUSTERS + ": " + String.join("; ", errors));
        }
        return List.copyOf(chosen.values());
    }

    private static String known(List<RemoteCluster> clusters) {
        if (clusters.isEmpty()) {
            return "none (the workspace has no clusters this token can see)";
        }
        return clusters.stream().limit(20).map(RemoteCluster::label).collect(Collectors.joining(", "))
                + (clusters.size() > 20 ? " and " + (clusters.size() - 20) + " more" : "");
    }

    private JarArtifact locateJar(DeploySpec spec) throws DeployException, InterruptedException {
        try {
            return JarArtifact.locate(files, spec.jar());
        } catch (IOException e) {
            throw new DeployException(
                    DeployField.JAR + ": cannot read '" + spec.jar() + "' in " + files.describe() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The smoke command's text: inline, or read from its file (a resume reads it again: a checkpoint holds none). */
    String readSmokeCommand(DeploySpec spec) throws DeployException, InterruptedException {
        if (spec.smoke().isEmpty()) {
            return null;
        }
        SmokeSpec smoke = spec.smoke().get();
        if (smoke.jarMainClass().isPresent()) {
            return null; // the smoke test is the jar's own main class: no command text
        }
        if (smoke.inlineCommand().isPresent()) {
            return smoke.inlineCommand().get();
        }
        String path = smoke.file().orElseThrow();
        try {
            if (!files.glob(path).contains(path)) {
                throw new DeployException(
                        DeployField.SMOKE_COMMAND_FILE + ": " + path + " does not exist in " + files.describe());
            }
            if (files.length(path) > MAX_COMMAND_FILE_BYTES) {
                throw new DeployException(DeployField.SMOKE_COMMAND_FILE + ": " + path + " is larger than "
                        + LogFormat.size(MAX_COMMAND_FILE_BYTES) + "; a smoke command should be short");
            }
            try (InputStream in = files.open(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new DeployException(
                    DeployField.SMOKE_COMMAND_FILE + ": cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
