package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.OldVersion;
import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import io.jenkins.plugins.databricks.deploy.DeployReport.ClusterReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.LibraryReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.DeployReport.SmokeReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Swaps a jar on Databricks clusters. {@link #plan(DeploySpec)} only reads; {@link #execute(DeployPlan)} uploads,
 * attaches the new version, detaches the old one, restarts as the policy says, waits until every target runs with
 * the new library attached, runs the smoke command, and only then deletes old versions beyond {@code keepVersions}.
 * If a step after the upload fails and rollback is on, it re-attaches the old version and detaches the new one.
 * Progress goes to the listener, one line per step.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>New before old: attach the new version, then detach the old one. On REST 1.2 a detach on a running cluster
 *       takes effect at its restart, so a cluster is never without a library.
 *   <li>A terminated target is not started unless {@code restart=ALWAYS}: its attach is queued for its next start,
 *       the deploy does not wait for it, and the report says so.
 *   <li>A library already stored under the new name is reused when the name contains {@code {hash}} (same name means
 *       same content); otherwise the deploy refuses before changing anything, because it cannot prove it identical.
 *   <li>An old version attached to all clusters can only be replaced by targeting {@code __ALL_CLUSTERS}.
 *   <li>An old version still loaded on some cluster is never deleted, whatever {@code keepVersions} says.
 *   <li>An interrupt cancels the smoke command and destroys its context, then (rollback on) re-attaches the old
 *       version without waiting, and reports each cluster; the thread's interrupt flag stays set.
 * </ul>
 */
public final class Deployer {

    /** Smoke command files larger than this are refused: they are commands, not data. */
    static final int MAX_COMMAND_FILE_BYTES = 1024 * 1024;

    private final DatabricksGateway gateway;
    private final JarLocator files;
    private final StepLog log;
    private final Poller poller;

    public Deployer(DatabricksGateway gateway, JarLocator files, DeployListener listener) {
        this(gateway, files, listener, Poller.standard());
    }

    public Deployer(DatabricksGateway gateway, JarLocator files, DeployListener listener, Poller poller) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.files = Objects.requireNonNull(files, "files");
        this.log = new StepLog(Objects.requireNonNull(listener, "listener"));
        this.poller = Objects.requireNonNull(poller, "poller");
    }

    /**
     * Plans, then for a dry run logs the plan and returns a PLANNED report; otherwise executes while holding the
     * target clusters in {@link ClusterLocks#jvmWide()}.
     */
    public DeployReport deploy(DeploySpec spec) throws DeployException, InterruptedException {
        long planned = ClusterLocks.jvmWide().sequence();
        DeployPlan plan = plan(spec);
        if (spec.dryRun()) {
            plan.describe().forEach(log::line);
            log.line("Dry run: nothing was changed on Databricks");
            Progress p = new Progress(plan);
            p.timings.put("preflight", plan.plannedMillis());
            return p.report(Outcome.PLANNED, null, currentClusters(plan, null, p));
        }
        return executeHoldingClusters(plan, planned);
    }

    /** One deploy per cluster at a time; if another finished since we planned, plan again against what it left. */
    private DeployReport executeHoldingClusters(DeployPlan plan, long planned)
            throws DeployException, InterruptedException {
        List<String> ids = new ArrayList<>(
                plan.targets().stream().map(t -> t.cluster().id()).toList());
        if (plan.spec().allClusters()) {
            ids.add(DeploySpec.ALL_CLUSTERS);
        }
        String holder = "deploy of " + plan.libraryName()
                + plan.spec().buildId().map(b -> " (build " + b + ")").orElse("") + " on thread "
                + Thread.currentThread().getName();
        try (ClusterLocks.Lease lease = ClusterLocks.jvmWide().acquire(gateway.describe(), ids, holder, log::line)) {
            DeployPlan current = plan;
            if (lease.releasedSince(planned)) {
                log.line("Planning again: another deploy to these clusters finished since the pre-flight");
                current = plan(plan.spec());
            }
            return execute(current);
        }
    }

    /** Pre-flight: reads clusters, the jar and the libraries, validates everything, changes nothing. */
    public DeployPlan plan(DeploySpec spec) throws DeployException, InterruptedException {
        Clock clock = poller.clock();
        Instant start = clock.instant();
        List<RemoteCluster> clusters = read("list clusters", gateway::clusters);
        List<TargetClusterChoice> chosen = resolveClusters(spec, clusters);
        JarArtifact jar = locateJar(spec);
        String smokeCommand = readSmokeCommand(spec);
        String name = spec.libraryName()
                .render(jar.baseName(), jar.sha256(), spec.buildId().orElse(null), clock.instant());
        List<RemoteLibrary> inFolder = read("list libraries", gateway::libraries).stream()
                .filter(l -> spec.folder().equals(normaliseFolder(l.folder())))
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
            old.add(new OldVersion(lib, read("read library " + lib.id(), () -> gateway.library(lib.id()))));
        }
        for (OldVersion o : old) {
            if (o.state().attachAllClusters() && !spec.allClusters()) {
                throw new DeployException(DeployField.CLUSTERS + ": the old version "
                        + o.library().name() + " (id "
                        + o.library().id() + ") is attached to all clusters; target " + DeploySpec.ALL_CLUSTERS
                        + " to replace it everywhere, or detach it from all clusters first");
            }
        }
        LibraryState existingState =
                existing == null ? null : read("read library " + existing.id(), () -> gateway.library(existing.id()));
        List<TargetCluster> targets = new ArrayList<>();
        boolean unchanged = existingState != null;
        for (TargetClusterChoice choice : chosen) {
            RemoteCluster c = choice.cluster();
            List<String> oldLoaded = old.stream()
                    .filter(o -> o.state().presentOn(c.id()))
                    .map(o -> o.library().id())
                    .toList();
            boolean newThere = existingState != null
                    && (spec.allClusters() ? existingState.attachAllClusters() : existingState.attachedOn(c.id()));
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

    /** Carries out a plan. Returns the report on success; a failure throws with the report attached. */
    public DeployReport execute(DeployPlan plan) throws DeployException, InterruptedException {
        Progress p = new Progress(plan);
        p.timings.put("preflight", plan.plannedMillis());
        if (plan.unchanged()) {
            RemoteLibrary lib = plan.existing().orElseThrow();
            p.libraryId = lib.id();
            p.reused = true;
            log.line("Unchanged: " + lib.name() + " (library " + lib.id() + ") has the same SHA-256 and is already"
                    + " attached to every target cluster; skipping the swap");
            List<ClusterReport> finals = currentClusters(plan, lib.id(), p);
            finals.forEach(c -> logCluster(c));
            return p.report(Outcome.UNCHANGED, null, finals);
        }
        DeploySpec spec = plan.spec();
        try {
            upload(plan, p);
        } catch (InterruptedException e) {
            return abort(plan, p, "interrupted during the upload");
        }
        try {
            swap(plan, p);
            restartAndWait(plan, p, plan.spec().waitTimeout());
            smoke(plan, p);
            deleteBeyondKeep(plan, p);
        } catch (StepFailedException e) {
            return fail(plan, p, e.getMessage());
        } catch (InterruptedException e) {
            return abort(plan, p, "interrupted");
        }
        List<ClusterReport> finals = finalClusters(plan, p);
        p.timings.put("total", p.elapsedMillis());
        log.line("Deployed " + plan.libraryName() + " (library " + p.libraryId + ") to " + finals.size() + " cluster"
                + (finals.size() == 1 ? "" : "s") + " in " + LogFormat.duration(Duration.ofMillis(p.elapsedMillis()))
                + (spec.rollback() ? "" : " (rollback was off)"));
        return p.report(Outcome.DEPLOYED, null, finals);
    }

    // ---------------------------------------------------------------- steps

    private void upload(DeployPlan plan, Progress p) throws DeployException, InterruptedException {
        DeploySpec spec = plan.spec();
        if (plan.existing().isPresent()) {
            RemoteLibrary lib = plan.existing().get();
            p.libraryId = lib.id();
            p.reused = true;
            log.line("Reusing library " + lib.id() + " " + lib.name() + " in " + spec.folder()
                    + ": the same name carries the same SHA-256, no upload needed");
            return;
        }
        Instant start = poller.clock().instant();
        stopIfInterrupted("upload");
        try {
            p.libraryId = gateway.storeJar(spec.folder(), plan.libraryName(), plan.jar());
        } catch (LibraryNameConflictException e) {
            // Someone stored the same name between pre-flight and now; with {hash} in the name it is this jar.
            RemoteLibrary same = read("list libraries", gateway::libraries).stream()
                    .filter(l -> spec.folder().equals(normaliseFolder(l.folder())))
                    .filter(l -> l.name().equals(plan.libraryName()))
                    .findFirst()
                    .orElse(null);
            if (same == null || !spec.libraryName().usesHash()) {
                String message = DeployField.LIBRARY_NAME + ": " + spec.folder() + " already holds "
                        + plan.libraryName() + " (" + e.getMessage() + ") — nothing was changed; use a name template"
                        + " with {hash}";
                throw new DeployException(message, e, p.report(Outcome.FAILED, message, List.of()));
            }
            p.libraryId = same.id();
            p.reused = true;
            log.line("Reusing library " + same.id() + " " + same.name() + ": it appeared in " + spec.folder()
                    + " during the deploy, and the same name carries the same SHA-256");
            return;
        } catch (GatewayException e) {
            String message = "Upload of " + plan.jar().path() + " as " + plan.libraryName() + " to " + spec.folder()
                    + " failed: " + e.getMessage() + " — nothing was changed on the clusters";
            log.line("FAILED: " + message);
            throw new DeployException(message, e, p.report(Outcome.FAILED, e.getMessage(), List.of()));
        }
        long millis = p.lap("upload", start);
        log.line("Uploaded " + plan.libraryName() + " as library " + p.libraryId + " in " + spec.folder() + " ("
                + LogFormat.size(plan.jar().length()) + ", " + LogFormat.duration(Duration.ofMillis(millis)) + ")");
    }

    private void swap(DeployPlan plan, Progress p) throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        String newId = p.libraryId;
        // Each change is recorded for the rollback before it is sent: a call that fails without an answer (a timeout,
        // a dropped connection) may still take effect on the server, and undoing a change that never happened is a
        // no-op, whereas leaving one in place can leave two versions attached or none.
        if (plan.spec().allClusters()) {
            p.attachedNew.add(DeploySpec.ALL_CLUSTERS);
            call("attach library " + newId + " to all clusters", () -> gateway.attach(newId, DeploySpec.ALL_CLUSTERS));
            log.line("Attached library " + newId + " to all clusters (" + DeploySpec.ALL_CLUSTERS + ")");
        } else {
            for (TargetCluster t : plan.targets()) {
                String id = t.cluster().id();
                p.attachedNew.add(id);
                call("attach library " + newId + " to " + describe(t.cluster()), () -> gateway.attach(newId, id));
                log.line("Attached library " + newId + " to " + describe(t.cluster())
                        + (t.queued() ? ": queued, it takes effect at the cluster's next start" : ""));
            }
        }
        for (OldVersion old : plan.oldVersions()) {
            String oldId = old.library().id();
            if (plan.spec().allClusters() && old.state().attachAllClusters()) {
                p.detached.add(new Detached(oldId, DeploySpec.ALL_CLUSTERS));
                call(
                        "detach library " + oldId + " from all clusters",
                        () -> gateway.detach(oldId, DeploySpec.ALL_CLUSTERS));
                log.line("Detached old library " + oldId + " " + old.library().name() + " from all clusters ("
                        + DeploySpec.ALL_CLUSTERS + ")");
            }
            for (TargetCluster t : plan.targets()) {
                if (!t.oldLoaded().contains(oldId)
                        || (old.state().attachAllClusters() && plan.spec().allClusters())) {
                    continue;
                }
                String id = t.cluster().id();
                p.detached.add(new Detached(oldId, id));
                call("detach library " + oldId + " from " + describe(t.cluster()), () -> gateway.detach(oldId, id));
                String effect = !t.cluster().isRunning()
                        ? ""
                        : t.restart()
                                ? " (its classes go with the restart)"
                                : ": its classes stay loaded until the cluster restarts (restart="
                                        + plan.spec().restart() + "); a JVM cannot unload a loaded jar";
                log.line("Detached old library " + oldId + " " + old.library().name() + " from " + describe(t.cluster())
                        + effect);
            }
        }
        p.lap("swap", start);
    }

    private void restartAndWait(DeployPlan plan, Progress p, Duration timeout)
            throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        for (TargetCluster t : plan.targets()) {
            if (t.restart()) {
                String id = t.cluster().id();
                call("restart " + describe(t.cluster()), () -> gateway.restart(id));
                p.restarted.add(id);
                log.line((t.cluster().isTerminated() ? "Starting " : "Restarting ")
                        + describe(t.cluster())
                        + (t.oldLoaded().isEmpty()
                                ? " (restart=ALWAYS)"
                                : ": the old classes are loaded and a JVM" + " cannot unload them"));
            }
        }
        List<TargetCluster> awaited =
                plan.targets().stream().filter(t -> !t.queued()).toList();
        if (awaited.isEmpty()) {
            log.line("No target cluster is running; the new library takes effect when they start");
            return;
        }
        String newId = p.libraryId;
        log.line("Waiting up to " + LogFormat.duration(timeout) + " for " + awaited.size() + " cluster"
                + (awaited.size() == 1 ? "" : "s") + " to be Running with library " + newId + " Attached");
        Set<String> seen = new LinkedHashSet<>();
        try {
            poller.until(
                    "clusters " + awaited.stream().map(t -> t.cluster().name()).collect(Collectors.joining(", "))
                            + " to be Running with library " + newId + " Attached",
                    timeout,
                    () -> snapshot(newId),
                    s -> {
                        boolean all = true;
                        for (TargetCluster t : awaited) {
                            RemoteCluster now = s.cluster(t.cluster().id());
                            if (now != null && wentDown(t, now)) {
                                throw new ClusterDownException(t.cluster(), now.state());
                            }
                            boolean ready = now != null
                                    && now.isRunning()
                                    && s.newAttachedOn(t.cluster().id());
                            if (ready && seen.add(t.cluster().id())) {
                                log.line(describe(now) + " is Running with library " + newId + " Attached ("
                                        + LogFormat.duration(Duration.between(
                                                start, poller.clock().instant())) + ")");
                            }
                            all &= ready;
                        }
                        return all;
                    });
        } catch (ClusterDownException e) {
            throw new StepFailedException(e.getMessage());
        } catch (GatewayException e) {
            throw new StepFailedException("Reading the cluster and library status failed: " + e.getMessage());
        } catch (PollTimeoutException e) {
            throw new StepFailedException("waitTimeout: " + e.getMessage());
        } finally {
            p.lap("wait", start);
        }
    }

    private void smoke(DeployPlan plan, Progress p) throws StepFailedException, InterruptedException {
        if (plan.smokeCommand().isEmpty()) {
            return;
        }
        Instant start = poller.clock().instant();
        SmokeRunner runner = new SmokeRunner(gateway, poller, log);
        SmokeSpec spec = plan.spec().smoke().orElseThrow();
        List<String> failed = new ArrayList<>();
        try {
            for (TargetCluster t : plan.targets()) {
                if (t.queued()) {
                    log.line("Smoke command skipped on " + describe(t.cluster()) + ": the cluster is not running");
                    continue;
                }
                if (!runner.run(t.cluster(), spec, plan.smokeCommand().get(), p.smoke::add)) {
                    failed.add(describe(t.cluster()));
                }
            }
        } finally {
            p.lap("smoke", start);
        }
        if (!failed.isEmpty()) {
            SmokeReport first = p.smoke.stream()
                    .filter(s -> !SmokeRunner.PASSED.equals(s.status()))
                    .findFirst()
                    .orElseThrow();
            throw new StepFailedException(
                    "Smoke command " + first.status() + " on " + String.join(", ", failed) + ": " + first.message());
        }
    }

    private void deleteBeyondKeep(DeployPlan plan, Progress p) throws InterruptedException {
        if (plan.spec().keepVersions().isEmpty()) {
            return;
        }
        int keep = plan.spec().keepVersions().getAsInt();
        Instant start = poller.clock().instant();
        for (OldVersion old : plan.oldVersions().stream().skip(keep).toList()) {
            String id = old.library().id();
            try {
                LibraryState now = gateway.library(id);
                List<String> stillLoaded = now.statuses().entrySet().stream()
                        .filter(e -> !"Detached".equalsIgnoreCase(e.getValue()))
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList();
                if (now.attachAllClusters() || !stillLoaded.isEmpty()) {
                    log.line("Kept old library " + id + " " + old.library().name() + " beyond keepVersions=" + keep
                            + ": a cluster still has it ("
                            + (now.attachAllClusters() ? "all clusters" : String.join(", ", stillLoaded))
                            + "); it can be deleted after a restart");
                    continue;
                }
                gateway.deleteLibrary(id);
                p.deleted.add(id);
                log.line("Deleted old library " + id + " " + old.library().name() + " (beyond keepVersions=" + keep
                        + ")");
            } catch (GatewayException e) {
                // The new version is live and tested; a leftover old version is untidy, not a failed deploy.
                log.line("Could not delete old library " + id + ": " + e.getMessage() + " — delete it by hand");
            }
        }
        p.lap("cleanup", start);
    }

    // ---------------------------------------------------------------- failure paths

    private DeployReport fail(DeployPlan plan, Progress p, String why) throws DeployException, InterruptedException {
        log.line("FAILED: " + why);
        Outcome outcome = Outcome.FAILED;
        String message = why;
        if (plan.spec().rollback()) {
            try {
                rollback(plan, p, true);
                outcome = Outcome.ROLLED_BACK;
                message = why + " — rolled back to the old version";
            } catch (StepFailedException e) {
                message = why + " — rollback incomplete: " + e.getMessage();
            } catch (InterruptedException e) {
                return abort(plan, p, "interrupted during the rollback after: " + why);
            }
        } else {
            log.line("Rollback is off: the new library stays attached");
        }
        List<ClusterReport> finals = finalClusters(plan, p);
        p.timings.put("total", p.elapsedMillis());
        throw new DeployException(message, null, p.report(outcome, message, finals));
    }

    private DeployReport abort(DeployPlan plan, Progress p, String why) throws DeployAbortedException {
        Thread.interrupted(); // clean-up calls must not trip over the flag; it is set again below
        log.line("ABORTED: " + why);
        String message = why;
        try {
            if (plan.spec().rollback() && p.changedClusters()) {
                try {
                    rollback(plan, p, false);
                    message = why + " — the old version is attached again; clusters that were restarting load it"
                            + " when they come up";
                } catch (StepFailedException | InterruptedException e) {
                    message = why + " — rollback incomplete: " + e.getMessage();
                }
            }
            List<ClusterReport> finals = finalClusters(plan, p);
            p.timings.put("total", p.elapsedMillis());
            throw new DeployAbortedException(message, p.report(Outcome.ABORTED, message, finals));
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    /** Re-attach every old version we detached, detach the new one; restart and wait again if we had restarted. */
    private void rollback(DeployPlan plan, Progress p, boolean restartAndWait)
            throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        List<String> problems = new ArrayList<>();
        for (Detached d : p.detached) {
            try {
                gateway.attach(d.libraryId(), d.clusterId());
                log.line("Rollback: attached old library " + d.libraryId() + " to " + describeId(plan, d.clusterId()));
            } catch (GatewayException e) {
                problems.add("re-attach " + d.libraryId() + " to " + d.clusterId() + ": " + e.getMessage());
            }
        }
        for (String clusterId : p.attachedNew) {
            try {
                gateway.detach(p.libraryId, clusterId);
                log.line("Rollback: detached new library " + p.libraryId + " from " + describeId(plan, clusterId));
            } catch (GatewayException e) {
                problems.add("detach " + p.libraryId + " from " + clusterId + ": " + e.getMessage());
            }
        }
        p.rolledBack = true;
        if (restartAndWait && !p.restarted.isEmpty()) {
            List<String> again = List.copyOf(p.restarted);
            for (String id : again) {
                try {
                    gateway.restart(id);
                    log.line("Rollback: restarting " + describeId(plan, id) + " so it loads the old version");
                } catch (GatewayException e) {
                    problems.add("restart " + id + ": " + e.getMessage());
                }
            }
            try {
                poller.until(
                        "clusters " + again + " to be Running after the rollback",
                        plan.spec().waitTimeout(),
                        () -> read("list clusters", gateway::clusters),
                        list -> list.stream()
                                .filter(c -> again.contains(c.id()))
                                .allMatch(RemoteCluster::isRunning));
            } catch (PollTimeoutException | DeployException e) {
                problems.add(e.getMessage());
            }
        }
        p.lap("rollback", start);
        if (!problems.isEmpty()) {
            throw new StepFailedException(String.join("; ", problems));
        }
    }

    // ---------------------------------------------------------------- reading state

    private List<ClusterReport> finalClusters(DeployPlan plan, Progress p) {
        List<ClusterReport> finals = currentClusters(plan, p.libraryId, p);
        finals.forEach(this::logCluster);
        return finals;
    }

    /** Each target's state and the new library's status there, as Databricks reports them now (best effort). */
    private List<ClusterReport> currentClusters(DeployPlan plan, String libraryId, Progress p) {
        boolean interrupted = Thread.interrupted();
        try {
            Map<String, RemoteCluster> now = new LinkedHashMap<>();
            LibraryState lib = null;
            String problem = null;
            try {
                gateway.clusters().forEach(c -> now.put(c.id(), c));
                lib = libraryId == null ? null : gateway.library(libraryId);
            } catch (GatewayException | InterruptedException e) {
                problem = "state unknown: " + e.getMessage();
            }
            List<ClusterReport> out = new ArrayList<>();
            for (TargetCluster t : plan.targets()) {
                RemoteCluster c = now.getOrDefault(t.cluster().id(), t.cluster());
                String status = lib == null
                        ? (libraryId == null ? "not uploaded" : "unknown")
                        : lib.attachAllClusters() && !lib.statuses().containsKey(c.id())
                                ? "Attached (all clusters)"
                                : lib.statusOn(c.id());
                out.add(new ClusterReport(
                        c.id(),
                        c.name(),
                        c.state(),
                        status,
                        p.restarted.contains(c.id()),
                        problem != null ? problem : note(plan, t, c, p)));
            }
            return out;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String note(DeployPlan plan, TargetCluster t, RemoteCluster now, Progress p) {
        if (p.rolledBack) {
            return t.oldLoaded().isEmpty()
                    ? "rolled back: no old version was attached here"
                    : "rolled back to " + String.join(", ", t.oldLoaded());
        }
        if (t.queued()) {
            return "not running: the new library takes effect at its next start";
        }
        if (!t.oldLoaded().isEmpty()
                && !p.restarted.contains(t.cluster().id())
                && now.isRunning()
                && p.attachedNew.size() > 0) {
            return "not restarted: it runs the old classes until it restarts";
        }
        return null;
    }

    private void logCluster(ClusterReport c) {
        log.line("Cluster " + c.name() + " (" + c.id() + "): " + c.state() + ", new library " + c.libraryStatus()
                + (c.restarted() ? ", restarted" : "") + (c.note() == null ? "" : " — " + c.note()));
    }

    /**
     * Waiting longer is pointless: the cluster is in Error, or it was up at pre-flight and is now Terminated. One we
     * are starting may still show Terminated for a moment.
     */
    private static boolean wentDown(TargetCluster t, RemoteCluster now) {
        return now.isFailed()
                || ("Terminated".equals(now.state()) && !t.cluster().isTerminated());
    }

    private Snapshot snapshot(String libraryId) throws GatewayException, InterruptedException {
        return new Snapshot(gateway.clusters(), gateway.library(libraryId));
    }

    /** One poll of clusters and the new library. */
    private record Snapshot(List<RemoteCluster> clusters, LibraryState library) {
        RemoteCluster cluster(String id) {
            return clusters.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        }

        boolean newAttachedOn(String clusterId) {
            return library.attachedOn(clusterId)
                    || (library.attachAllClusters() && !library.statuses().containsKey(clusterId));
        }

        @Override
        public String toString() {
            return clusters.stream()
                    .map(c -> c.name() + " " + c.state() + "/" + library.statusOn(c.id()))
                    .collect(Collectors.joining(", "));
        }
    }

    // ---------------------------------------------------------------- pre-flight helpers

    private record TargetClusterChoice(RemoteCluster cluster) {}

    private List<TargetClusterChoice> resolveClusters(DeploySpec spec, List<RemoteCluster> clusters)
            throws DeployException {
        if (spec.allClusters()) {
            return clusters.stream().map(TargetClusterChoice::new).toList();
        }
        List<String> errors = new ArrayList<>();
        Map<String, TargetClusterChoice> chosen = new LinkedHashMap<>();
        for (String entry : spec.clusters()) {
            RemoteCluster byId = clusters.stream()
                    .filter(c -> c.id().equals(entry))
                    .findFirst()
                    .orElse(null);
            if (byId != null) {
                chosen.putIfAbsent(byId.id(), new TargetClusterChoice(byId));
                continue;
            }
            List<RemoteCluster> byName =
                    clusters.stream().filter(c -> entry.equals(c.name())).toList();
            if (byName.size() == 1) {
                chosen.putIfAbsent(byName.get(0).id(), new TargetClusterChoice(byName.get(0)));
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
        return clusters.stream()
                        .limit(20)
                        .map(c -> c.name() + " (" + c.id() + ")")
                        .collect(Collectors.joining(", "))
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

    static String normaliseFolder(String folder) {
        if (folder == null) {
            return "";
        }
        String f = folder;
        while (f.length() > 1 && f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Read<T> {
        T get() throws GatewayException, InterruptedException;
    }

    @FunctionalInterface
    private interface Call {
        void run() throws GatewayException, InterruptedException;
    }

    private <T> T read(String what, Read<T> read) throws DeployException, InterruptedException {
        stopIfInterrupted(what);
        try {
            return read.get();
        } catch (GatewayException e) {
            throw new DeployException("Could not " + what + " on " + gateway.describe() + ": " + e.getMessage(), e);
        }
    }

    private static void call(String what, Call call) throws StepFailedException, InterruptedException {
        stopIfInterrupted(what);
        try {
            call.run();
        } catch (GatewayException e) {
            throw new StepFailedException("Could not " + what + ": " + e.getMessage());
        }
    }

    /** Blocking HTTP calls do not notice an interrupt; every step checks before it changes anything. */
    private static void stopIfInterrupted(String before) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before: " + before);
        }
    }

    private static String describe(RemoteCluster c) {
        return c.name() + " (" + c.id() + ")";
    }

    private static String describeId(DeployPlan plan, String clusterId) {
        if (DeploySpec.ALL_CLUSTERS.equals(clusterId)) {
            return "all clusters (" + DeploySpec.ALL_CLUSTERS + ")";
        }
        return plan.targets().stream()
                .filter(t -> t.cluster().id().equals(clusterId))
                .map(t -> describe(t.cluster()))
                .findFirst()
                .orElse(clusterId);
    }

    /** A step after the upload failed; the message is the build log's FAILED line. */
    private static final class StepFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        StepFailedException(String message) {
            super(message);
        }
    }

    /** Thrown from inside a poll when a cluster that should come up went down. */
    private static final class ClusterDownException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClusterDownException(RemoteCluster cluster, String state) {
            super("Cluster " + describe(cluster) + " is " + state + " instead of coming up Running");
        }
    }

    private record Detached(String libraryId, String clusterId) {}

    /** What has happened so far, for the report and the rollback. */
    private final class Progress {
        final DeployPlan plan;
        final Instant started = poller.clock().instant();
        final Map<String, Long> timings = new LinkedHashMap<>();
        final List<String> attachedNew = new ArrayList<>();
        final List<Detached> detached = new ArrayList<>();
        final List<String> restarted = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<SmokeReport> smoke = new ArrayList<>();
        String libraryId;
        boolean reused;
        boolean rolledBack;

        Progress(DeployPlan plan) {
            this.plan = plan;
        }

        long lap(String step, Instant since) {
            long millis = Duration.between(since, poller.clock().instant()).toMillis();
            timings.merge(step, millis, Long::sum);
            return millis;
        }

        long elapsedMillis() {
            return plan.plannedMillis()
                    + Duration.between(started, poller.clock().instant()).toMillis();
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
                            libraryId,
                            plan.libraryName(),
                            plan.spec().folder(),
                            jar.sha256(),
                            jar.length(),
                            jar.path(),
                            reused),
                    clusters,
                    plan.oldVersions().stream().map(o -> o.library().id()).toList(),
                    detached.stream().map(Detached::libraryId).distinct().toList(),
                    deleted,
                    restarted,
                    smoke,
                    timings,
                    plan.describe(),
                    failure);
        }
    }
}
