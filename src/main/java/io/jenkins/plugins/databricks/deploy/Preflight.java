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
import java.util.regex.Pattern;
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

    Preflight(DatabricksGateway gateway, JarLocator files, StepLog log, Clock clock) {
        this.gateway = gateway;
        this.files = files;
        this.log = log;
        this.clock = clock;
    }

    DeployPlan plan(DeploySpec spec) throws DeployException, InterruptedException {
        Instant start = clock.instant();
        List<RemoteCluster> clusters = GatewayCalls.read(gateway, "list clusters", gateway::clusters);
        List<RemoteCluster> chosen = resolveClusters(spec, clusters);
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
        List<RemoteLibrary> inFolder = GatewayCalls.read(gateway, "list libraries", gateway::libraries).stream()
                .filter(l -> spec.folder().equals(DeploySpec.normaliseFolder(l.folder())))
                .toList();
        RemoteLibrary existing =
                inFolder.stream().filter(l -> l.name().equals(name)).findFirst().orElse(null);
        if (existing != null && !spec.libraryName().usesHash()) {
            throw new DeployException(DeployField.LIBRARY_NAME + ": " + spec.folder() + " already holds a library"
                    + " named " + name + " (id " + existing.id() + "), and without {hash} in '"
                    + spec.libraryName().template() + "' it cannot be shown to be this jar — add {hash} or {build}"
                    + " to the name, or delete that library");
        }
        Pattern oldPattern = spec.replaces().orElseGet(() -> spec.libraryName().earlierVersions(jar.baseName()));
        List<OldVersion> old = new ArrayList<>();
        for (RemoteLibrary lib : inFolder.stream()
                .filter(l -> existing == null || !l.id().equals(existing.id()))
                .filter(l -> !l.name().equals(name))
                .filter(l -> oldPattern.matcher(l.name()).matches())
                .sorted(Comparator.comparingLong(RemoteLibrary::order).reversed())
                .toList()) {
            old.add(new OldVersion(
                    lib, GatewayCalls.read(gateway, "read library " + lib.id(), () -> gateway.library(lib.id()))));
        }
        for (OldVersion o : old) {
            if (o.state().attachAllClusters() && !spec.allClusters()) {
                throw new DeployException(DeployField.CLUSTERS + ": the old version "
                        + o.library().name() + " (id "
                        + o.library().id() + ") is attached to all clusters; target " + DeploySpec.ALL_CLUSTERS
                        + " to replace it everywhere, or detach it from all clusters first");
            }
        }
        LibraryState existingState = existing == null
                ? null
                : GatewayCalls.read(gateway, "read library " + existing.id(), () -> gateway.library(existing.id()));
        List<TargetCluster> targets = new ArrayList<>();
        boolean unchanged = existingState != null;
        for (RemoteCluster c : chosen) {
            List<String> oldLoaded = old.stream()
                    .filter(o -> o.state().presentOn(c.id()))
                    .map(o -> o.library().id())
                    .toList();
            // On a cluster that is not running, "there" means queued for its next start.
            boolean newThere = existingState != null
                    && (spec.allClusters()
                            ? existingState.attachAllClusters()
                            : c.isRunning() ? existingState.attachedOn(c.id()) : existingState.presentOn(c.id()));
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
        long millis = Duration.between(start, clock.instant()).toMillis();
        log.line("Pre-flight on " + gateway.describe() + ": " + targets.size() + " target cluster"
                + (targets.size() == 1 ? "" : "s") + ", jar " + jar.path() + " (" + LogFormat.size(jar.length())
                + ", sha256 " + LibraryNameTemplate.shortHash(jar.sha256()) + "), library name " + name + ", "
                + old.size() + " old version" + (old.size() == 1 ? "" : "s") + " in " + spec.folder() + " ("
                + LogFormat.duration(Duration.ofMillis(millis)) + ")");
        return new DeployPlan(
                spec, gateway.describe(), jar, name, targets, existing, old, unchanged, smokeCommand, millis);
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

    private String readSmokeCommand(DeploySpec spec) throws DeployException, InterruptedException {
        if (spec.smoke().isEmpty()) {
            return null;
        }
        SmokeSpec smoke = spec.smoke().get();
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
