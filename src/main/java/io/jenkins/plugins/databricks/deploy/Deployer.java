package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployPlan.OldVersion;
import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import io.jenkins.plugins.databricks.deploy.DeployReport.ClusterReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 *   <li>The smoke command runs on the running targets at once (a few at a time); the first failure cancels the others
 *       and rolls back.
 *   <li>New before old: attach the new version, then detach the old one. On REST 1.2 a detach on a running cluster
 *       takes effect at its restart, so a cluster is never without a library.
 *   <li>A terminated target is not started unless {@code restart=ALWAYS}: its attach is queued for its next start,
 *       the deploy does not wait for it, and the report says so.
 *   <li>A library already stored under the new name is reused when the name contains {@code {hash}} (same name means
 *       same content); otherwise the deploy refuses before changing anything, because it cannot prove it identical.
 *   <li>An upload that gets no answer (dropped connection, response timeout, lost answer) may or may not have been
 *       stored. With {@code {hash}} in the name the deploy lists the folder: if the name is there it uses that
 *       library, otherwise it uploads again, {@value #UPLOAD_ATTEMPTS} attempts in all. Without {@code {hash}} it
 *       fails before changing anything, since a library under that name could not be proven to be this jar.
 *   <li>An old version attached to all clusters can only be replaced by targeting {@code __ALL_CLUSTERS}.
 *   <li>An old version still loaded on some cluster is never deleted, whatever {@code keepVersions} says.
 *   <li>An interrupt cancels the smoke command and destroys its context, then (rollback on) re-attaches the old
 *       version without waiting, and reports each cluster; the thread's interrupt flag stays set.
 * </ul>
 */
public final class Deployer {

    /**
     * Attempts in all for an upload that gets no answer, when the name contains {@code {hash}}: the name then
     * identifies the content, so a retry either stores the jar or meets the copy that did land (never a second one).
     */
    static final int UPLOAD_ATTEMPTS = 3;

    /** The wait before the first retry of an unanswered upload; it doubles before the next. */
    static final Duration UPLOAD_RETRY_BACKOFF = Duration.ofSeconds(2);

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
            DeployProgress p = new DeployProgress(plan, poller.clock());
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
        String holder = "deploy of " + deployName(plan) + " on thread "
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
        return new Preflight(gateway, files, log, poller.clock()).plan(spec);
    }

    /** Carries out a plan. Returns the report on success; a failure throws with the report attached. */
    public DeployReport execute(DeployPlan plan) throws DeployException, InterruptedException {
        DeployProgress p = new DeployProgress(plan, poller.clock());
        if (plan.unchanged()) {
            RemoteLibrary lib = plan.existing().orElseThrow();
            p.libraryId = lib.id();
            p.reused = true;
            log.line("Unchanged: " + lib.name() + " (library " + lib.id() + ") has the same SHA-256 and is already"
                    + " attached to every target cluster; skipping the swap");
            return p.report(Outcome.UNCHANGED, null, finalClusters(plan, p));
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

    private void upload(DeployPlan plan, DeployProgress p) throws DeployException, InterruptedException {
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
        Duration backoff = UPLOAD_RETRY_BACKOFF;
        int attempt = 1;
        while (true) {
            GatewayCalls.stopIfInterrupted("upload");
            try {
                p.libraryId = gateway.storeJar(spec.folder(), plan.libraryName(), plan.jar());
                break;
            } catch (LibraryNameConflictException e) {
                reuseConflicting(plan, p, e);
                return;
            } catch (UploadUnansweredException e) {
                if (!spec.libraryName().usesHash()) {
                    throw uploadFailed(
                            p,
                            uploadOf(plan) + " got no answer: " + e.getMessage() + " — it may or may not be stored;"
                                    + " not retried, because the name template '" + spec.libraryName()
                                    + "' has no {hash}, so a library found under that name could not be proven to be"
                                    + " this jar (a name with {hash}, such as the default "
                                    + LibraryNameTemplate.DEFAULT + ", makes this upload retryable) — nothing was"
                                    + " changed on the clusters",
                            e);
                }
                RemoteLibrary landed = storedUnder(plan, p, e);
                if (landed != null) {
                    p.libraryId = landed.id();
                    log.line("The upload landed although its answer was lost; reusing library " + landed.id() + " "
                            + landed.name() + " in " + spec.folder());
                    return;
                }
                if (attempt == UPLOAD_ATTEMPTS) {
                    throw uploadFailed(
                            p,
                            uploadOf(plan) + " failed " + attempt + " times without an answer (last: " + e.getMessage()
                                    + "); " + spec.folder() + " does not hold it — nothing was changed on the"
                                    + " clusters",
                            e);
                }
                log.line("Upload of " + plan.libraryName() + " got no answer (attempt " + attempt + " of "
                        + UPLOAD_ATTEMPTS + ": " + e.getMessage() + "); " + spec.folder() + " does not hold it, so"
                        + " uploading again in " + LogFormat.duration(backoff));
                poller.pause(backoff);
                backoff = backoff.multipliedBy(2);
                attempt++;
            } catch (GatewayException e) {
                throw uploadFailed(
                        p, uploadOf(plan) + " failed: " + e.getMessage() + " — nothing was changed on the clusters", e);
            }
        }
        long millis = p.lap("upload", start);
        log.line("Uploaded " + plan.libraryName() + " as library " + p.libraryId + " in " + spec.folder() + " ("
                + LogFormat.size(plan.jar().length()) + ", " + LogFormat.duration(Duration.ofMillis(millis))
                + (attempt == 1 ? "" : ", attempt " + attempt + " of " + UPLOAD_ATTEMPTS) + ")");
    }

    private static String uploadOf(DeployPlan plan) {
        return "Upload of " + plan.jar().path() + " as " + plan.libraryName() + " to "
                + plan.spec().folder();
    }

    /** Someone stored the same name between pre-flight and now; with {hash} in the name it is this jar. */
    private void reuseConflicting(DeployPlan plan, DeployProgress p, LibraryNameConflictException e)
            throws DeployException, InterruptedException {
        DeploySpec spec = plan.spec();
        RemoteLibrary same = GatewayCalls.read(gateway, "list libraries", gateway::libraries).stream()
                .filter(l -> sameLibrary(plan, l))
                .findFirst()
                .orElse(null);
        if (same == null || !spec.libraryName().usesHash()) {
            throw uploadFailed(
                    p,
                    DeployField.LIBRARY_NAME + ": " + spec.folder() + " already holds " + plan.libraryName() + " ("
                            + e.getMessage() + ") — nothing was changed; use a name template with {hash}",
                    e);
        }
        p.libraryId = same.id();
        p.reused = true;
        log.line("Reusing library " + same.id() + " " + same.name() + ": it appeared in " + spec.folder()
                + " during the deploy, and the same name carries the same SHA-256");
    }

    /**
     * After an unanswered upload: the library now stored under the new name (with {hash} in it, this jar), or null. A
     * failed listing fails the deploy, before any cluster changed.
     */
    private RemoteLibrary storedUnder(DeployPlan plan, DeployProgress p, UploadUnansweredException unanswered)
            throws DeployException, InterruptedException {
        GatewayCalls.stopIfInterrupted("list libraries");
        try {
            return gateway.libraries().stream()
                    .filter(l -> sameLibrary(plan, l))
                    .findFirst()
                    .orElse(null);
        } catch (GatewayException e) {
            throw uploadFailed(
                    p,
                    uploadOf(plan) + " got no answer (" + unanswered.getMessage() + "), and listing the libraries to"
                            + " see whether it landed failed: " + e.getMessage() + " — nothing was changed on the"
                            + " clusters; " + plan.spec().folder() + " may hold " + plan.libraryName()
                            + ", which the next deploy reuses",
                    e);
        }
    }

    private static boolean sameLibrary(DeployPlan plan, RemoteLibrary l) {
        return plan.spec().folder().equals(DeploySpec.normaliseFolder(l.folder()))
                && l.name().equals(plan.libraryName());
    }

    /** Before any cluster changed: the log, the exception and the report all say the same thing. */
    private DeployException uploadFailed(DeployProgress p, String message, Exception cause) {
        log.line("FAILED: " + message);
        p.timings.put("total", p.elapsedMillis());
        return new DeployException(message, cause, p.report(Outcome.FAILED, message, List.of()));
    }

    private void swap(DeployPlan plan, DeployProgress p) throws StepFailedException, InterruptedException {
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
                call("attach library " + newId + " to " + t.cluster().label(), () -> gateway.attach(newId, id));
                log.line("Attached library " + newId + " to " + t.cluster().label()
                        + (t.queued() ? ": queued, it takes effect at the cluster's next start" : ""));
            }
        }
        for (OldVersion old : plan.oldVersions()) {
            String oldId = old.library().id();
            if (plan.spec().allClusters() && old.state().attachAllClusters()) {
                p.detached.add(new DeployProgress.Detached(oldId, DeploySpec.ALL_CLUSTERS));
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
                p.detached.add(new DeployProgress.Detached(oldId, id));
                call("detach library " + oldId + " from " + t.cluster().label(), () -> gateway.detach(oldId, id));
                String effect = !t.cluster().isRunning()
                        ? ""
                        : t.restart()
                                ? " (its classes go with the restart)"
                                : ": its classes stay loaded until the cluster restarts (restart="
                                        + plan.spec().restart() + "); a JVM cannot unload a loaded jar";
                log.line("Detached old library " + oldId + " " + old.library().name() + " from "
                        + t.cluster().label() + effect);
            }
        }
        p.lap("swap", start);
    }

    private void restartAndWait(DeployPlan plan, DeployProgress p, Duration timeout)
            throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        for (TargetCluster t : plan.targets()) {
            if (t.restart()) {
                String id = t.cluster().id();
                call("restart " + t.cluster().label(), () -> gateway.restart(id));
                p.restarted.add(id);
                log.line((t.cluster().isTerminated() ? "Starting " : "Restarting ")
                        + t.cluster().label()
                        + t.restartReason());
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
                                    && s.library().installedOn(t.cluster().id());
                            if (ready && seen.add(t.cluster().id())) {
                                log.line(now.label() + " is Running with library " + newId + " Attached ("
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

    /**
     * Runs the smoke command on every running target at once ({@link ParallelSmoke}); the verdicts are logged and
     * reported in target order once all are done. The first failure stops the others and fails the step.
     */
    private void smoke(DeployPlan plan, DeployProgress p) throws StepFailedException, InterruptedException {
        if (plan.smokeCommand().isEmpty()) {
            return;
        }
        GatewayCalls.stopIfInterrupted("the smoke command");
        Instant start = poller.clock().instant();
        SmokeRunner runner = new SmokeRunner(gateway, poller, log);
        SmokeSpec spec = plan.spec().smoke().orElseThrow();
        List<RemoteCluster> running = plan.targets().stream()
                .filter(t -> !t.queued())
                .map(TargetCluster::cluster)
                .toList();
        ParallelSmoke.Round round;
        try {
            round = running.isEmpty()
                    ? new ParallelSmoke.Round(List.of(), null, false)
                    : new ParallelSmoke(runner, deployName(plan))
                            .run(running, spec, plan.smokeCommand().get());
        } finally {
            p.lap("smoke", start);
        }
        Map<String, SmokeRunner.Result> byCluster = new LinkedHashMap<>();
        round.results().forEach(r -> byCluster.put(r.cluster().id(), r));
        for (TargetCluster t : plan.targets()) {
            SmokeRunner.Result result = byCluster.get(t.cluster().id());
            if (result == null) {
                log.line("Smoke command skipped on " + t.cluster().label() + ": the cluster is not running");
            } else {
                p.smoke.add(result.report());
                runner.logVerdict(result);
            }
        }
        if (round.interrupted()) {
            throw new InterruptedException("interrupted during the smoke command");
        }
        SmokeRunner.Result first = round.firstFailure();
        if (first != null) {
            List<String> failed = round.results().stream()
                    .filter(r -> !r.passed() && !r.stopped())
                    .map(r -> r.cluster().label())
                    .toList();
            throw new StepFailedException("Smoke command " + first.report().status() + " on "
                    + String.join(
                            ", ", failed.isEmpty() ? List.of(first.cluster().label()) : failed) + ": "
                    + first.report().message());
        }
    }

    /** How the deploy's threads are named: the library and the build. */
    private static String deployName(DeployPlan plan) {
        return plan.libraryName()
                + plan.spec().buildId().map(b -> " (build " + b + ")").orElse("");
    }

    private void deleteBeyondKeep(DeployPlan plan, DeployProgress p) throws InterruptedException {
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

    private DeployReport fail(DeployPlan plan, DeployProgress p, String why)
            throws DeployException, InterruptedException {
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

    private DeployReport abort(DeployPlan plan, DeployProgress p, String why) throws DeployAbortedException {
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

    /**
     * Re-attach every old version we detached, then detach the new one — except where the old one could not be put
     * back: a cluster keeps the new version rather than end up with none. Restart and wait again if we had restarted.
     */
    private void rollback(DeployPlan plan, DeployProgress p, boolean restartAndWait)
            throws StepFailedException, InterruptedException {
        Instant start = poller.clock().instant();
        p.rolledBack = true;
        List<String> problems = new ArrayList<>();
        for (DeployProgress.Detached d : p.detached) {
            try {
                gateway.attach(d.libraryId(), d.clusterId());
                log.line("Rollback: attached old library " + d.libraryId() + " to " + describeId(plan, d.clusterId()));
            } catch (GatewayException e) {
                String problem = "could not re-attach old library " + d.libraryId() + ": " + e.getMessage();
                p.notRestored.put(d.clusterId(), problem);
                problems.add(problem + " (" + describeId(plan, d.clusterId()) + ")");
                log.line("Rollback: " + problem + " — on " + describeId(plan, d.clusterId()));
            }
        }
        for (String clusterId : p.attachedNew) {
            if (p.oldMissingOn(clusterId)) {
                log.line("Rollback: kept new library " + p.libraryId + " on " + describeId(plan, clusterId)
                        + ": the old version is not back there, and a cluster must not be left without one");
                continue;
            }
            try {
                gateway.detach(p.libraryId, clusterId);
                log.line("Rollback: detached new library " + p.libraryId + " from " + describeId(plan, clusterId));
            } catch (GatewayException e) {
                String problem = "could not detach new library " + p.libraryId + ": " + e.getMessage();
                p.notRestored.putIfAbsent(clusterId, problem);
                problems.add(problem + " (" + describeId(plan, clusterId) + ")");
                log.line("Rollback: " + problem + " — on " + describeId(plan, clusterId));
            }
        }
        // A cluster that kept the new version already runs it; restarting it would load nothing else.
        List<String> again =
                p.restarted.stream().filter(id -> !p.oldMissingOn(id)).toList();
        if (restartAndWait && !again.isEmpty()) {
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
                        () -> GatewayCalls.read(gateway, "list clusters", gateway::clusters),
                        list -> {
                            List<RemoteCluster> mine = list.stream()
                                    .filter(c -> again.contains(c.id()))
                                    .toList();
                            mine.stream()
                                    .filter(RemoteCluster::isFailed)
                                    .findFirst()
                                    .ifPresent(c -> {
                                        throw new ClusterDownException(c, c.state());
                                    });
                            return mine.stream().allMatch(RemoteCluster::isRunning);
                        });
            } catch (PollTimeoutException | DeployException | ClusterDownException e) {
                problems.add(e.getMessage());
            }
        }
        p.lap("rollback", start);
        if (!problems.isEmpty()) {
            throw new StepFailedException(String.join("; ", problems));
        }
    }

    // ---------------------------------------------------------------- reading state

    private List<ClusterReport> finalClusters(DeployPlan plan, DeployProgress p) {
        List<ClusterReport> finals = currentClusters(plan, p.libraryId, p);
        finals.forEach(this::logCluster);
        return finals;
    }

    /** Each target's state and the new library's status there, as Databricks reports them now (best effort). */
    private List<ClusterReport> currentClusters(DeployPlan plan, String libraryId, DeployProgress p) {
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
                                : queuedStatus(t, c, lib.statusOn(c.id()));
                out.add(new ClusterReport(
                        c.id(),
                        c.name(),
                        c.state(),
                        status,
                        p.restarted.contains(c.id()),
                        problem != null ? problem : note(plan, t, c, p, status)));
            }
            return out;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean settledDetached(String status) {
        return "Detached".equalsIgnoreCase(status) || LibraryState.NOT_ATTACHED.equals(status);
    }

    /** On a cluster that is not running, an attach is queued, whatever word the server uses for that. */
    private static String queuedStatus(TargetCluster t, RemoteCluster now, String status) {
        boolean settled = "Attached".equalsIgnoreCase(status)
                || "Detached".equalsIgnoreCase(status)
                || LibraryState.NOT_ATTACHED.equals(status);
        return t.queued() && !now.isRunning() && !settled ? "queued for the next start" : status;
    }

    private static String note(
            DeployPlan plan, TargetCluster t, RemoteCluster now, DeployProgress p, String newLibraryStatus) {
        if (p.rolledBack) {
            String problem = p.rollbackProblemOn(t.cluster().id());
            if (problem != null) {
                return "rollback incomplete: " + problem;
            }
            String rolledBack = t.oldLoaded().isEmpty()
                    ? "rolled back: no old version was attached here"
                    : "rolled back to " + String.join(", ", t.oldLoaded());
            // REST 1.2 detaches at the next restart: until then the JVM still has the new version's classes.
            return now.isRunning() && !settledDetached(newLibraryStatus)
                    ? rolledBack + "; the new version stays loaded (" + newLibraryStatus
                            + ") until the cluster restarts"
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

        @Override
        public String toString() {
            return clusters.stream()
                    .map(c -> c.name() + " " + c.state() + "/" + library.statusOn(c.id()))
                    .collect(Collectors.joining(", "));
        }
    }

    // ---------------------------------------------------------------- plumbing

    private static void call(String what, GatewayCalls.Action call) throws StepFailedException, InterruptedException {
        GatewayCalls.stopIfInterrupted(what);
        try {
            call.run();
        } catch (GatewayException e) {
            throw new StepFailedException("Could not " + what + ": " + e.getMessage());
        }
    }

    private static String describeId(DeployPlan plan, String clusterId) {
        if (DeploySpec.ALL_CLUSTERS.equals(clusterId)) {
            return "all clusters (" + DeploySpec.ALL_CLUSTERS + ")";
        }
        return plan.targets().stream()
                .filter(t -> t.cluster().id().equals(clusterId))
                .map(t -> t.cluster().label())
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
            super("Cluster " + cluster.label() + " is " + state + " instead of coming up Running");
        }
    }
}
