package io.jenkins.plugins.databricks.deploy;

import io.jenkins.plugins.databricks.deploy.DeployCheckpoint.Phase;
import io.jenkins.plugins.databricks.deploy.DeployPlan.TargetCluster;
import io.jenkins.plugins.databricks.deploy.DeployReport.ClusterReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Swaps a jar on Databricks clusters, through any {@link DatabricksGateway}. {@link #plan(DeploySpec)} only reads
 * ({@link Preflight}); {@link #execute(DeployPlan)} uploads ({@link Uploader}), installs the new version and
 * uninstalls the old ones ({@link Swap}), restarts as the policy says, waits until every target runs with the new
 * library installed ({@link ClusterWait}), runs the smoke command ({@link ParallelSmoke}), and only then deletes old
 * versions beyond {@code keepVersions} ({@link Cleanup}). If a step after the upload fails and rollback is on, it puts
 * the old versions back and waits until the restarted clusters run them ({@link Rollback}). Progress goes to the
 * listener, one line per step; {@link ClusterReports} says where each cluster was left.
 *
 * <p>Decisions worth knowing:
 *
 * <ul>
 *   <li>The smoke command runs on the running targets at once (a few at a time); the first failure cancels the others
 *       and rolls back.
 *   <li>New before old: install the new version, then uninstall the old one. On both APIs an uninstall on a running
 *       cluster takes effect at its restart, so a cluster is never without a library.
 *   <li>Old versions are every naming of the jar's artifact in the folder ({@link EarlierVersions}); a copy stored
 *       elsewhere that a target has installed stops the deploy in pre-flight unless {@code replaces} or
 *       {@code replaceOtherCopies} covers it.
 *   <li>A terminated target is not started unless {@code restart=ALWAYS}: its attach is queued for its next start,
 *       the deploy does not wait for it, and the report says so.
 *   <li>A library already stored under the new name is reused when the name contains {@code {hash}} (same name means
 *       same content); otherwise the deploy refuses before changing anything, because it cannot prove it identical.
 *   <li>An upload that gets no answer (dropped connection, response timeout, lost answer) may or may not have been
 *       stored. With {@code {hash}} in the name the deploy lists the folder: if the name is there it uses that
 *       library, otherwise it uploads again, {@value #UPLOAD_ATTEMPTS} attempts in all. Without {@code {hash}} it
 *       fails before changing anything, since a library under that name could not be proven to be this jar.
 *   <li>An old version attached to all clusters can only be replaced by targeting {@code __ALL_CLUSTERS}, where the
 *       backend installs on all clusters at all.
 *   <li>A rollback is reported as done only once every cluster it restarted is seen Running with the old version
 *       installed, within {@code waitTimeout}; otherwise the outcome is FAILED with what was seen.
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
    private final ClusterReports reports;
    private Checkpoints checkpoints = Checkpoints.NONE;

    public Deployer(DatabricksGateway gateway, JarLocator files, DeployListener listener) {
        this(gateway, files, listener, Poller.standard());
    }

    public Deployer(DatabricksGateway gateway, JarLocator files, DeployListener listener, Poller poller) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.files = Objects.requireNonNull(files, "files");
        this.log = new StepLog(Objects.requireNonNull(listener, "listener"));
        this.poller = Objects.requireNonNull(poller, "poller");
        this.reports = new ClusterReports(gateway, log);
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
            return p.report(Outcome.PLANNED, null, reports.read(plan, p));
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
        return new Preflight(gateway, files, log, poller).plan(spec);
    }

    /**
     * Saves a {@link DeployCheckpoint} through {@code sink} before each change to Databricks and after each step, so
     * that {@link #resume} can finish or undo the deploy if this JVM dies. Returns this deployer.
     */
    public Deployer checkpointsTo(Checkpoints sink) {
        this.checkpoints = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /** Carries out a plan. Returns the report on success; a failure throws with the report attached. */
    public DeployReport execute(DeployPlan plan) throws DeployException, InterruptedException {
        DeployProgress p = new DeployProgress(plan, poller.clock());
        p.checkpointsTo(checkpoints);
        if (plan.unchanged()) {
            RemoteLibrary lib = plan.existing().orElseThrow();
            p.library = lib;
            p.reused = true;
            log.line("Unchanged: " + lib.label() + " has the same SHA-256 and is already"
                    + " attached to every target cluster; skipping the swap");
            return p.report(Outcome.UNCHANGED, null, reports.logged(plan, p));
        }
        p.checkpoint(Phase.UPLOADING);
        try {
            new Uploader(gateway, log, poller).upload(plan, p);
        } catch (InterruptedException e) {
            return abort(plan, p, "interrupted during the upload");
        }
        p.checkpoint(Phase.SWAPPING);
        try {
            Swap swap = new Swap(gateway, log, poller);
            swap.swap(plan, p);
            restartWaitAndSmoke(plan, p);
        } catch (StepFailedException e) {
            return fail(plan, p, e.getMessage());
        } catch (InterruptedException e) {
            return abort(plan, p, "interrupted");
        }
        return cleanUpAndReport(plan, p);
    }

    /**
     * Finishes or undoes a deploy whose JVM died, from its last {@link DeployCheckpoint}, on a fresh engine: reads and
     * logs what Databricks shows, destroys the smoke contexts the dead JVM left open, then finishes what is safe to
     * finish (restarts, the wait, the smoke command, the clean-up: from {@link Phase#RESTARTING} on, the swap being
     * complete) or rolls back (a swap cut short, or a rollback under way). A deploy cut short during the upload changed
     * no cluster: it fails and says whether the upload had landed. The report's notes say what was found and done.
     *
     * @param spec the deploy's spec, built again by the caller with credentials resolved now
     */
    public DeployReport resume(DeploySpec spec, DeployCheckpoint cp) throws DeployException, InterruptedException {
        JarArtifact jar = JarArtifact.restored(files, cp.jarPath(), cp.jarLength(), cp.jarSha256());
        String smokeCommand = new Preflight(gateway, files, log, poller).readSmokeCommand(spec);
        DeployPlan plan = DeployPlan.resumed(spec, cp, jar, smokeCommand);
        List<String> ids = new ArrayList<>(
                plan.targets().stream().map(t -> t.cluster().id()).toList());
        if (spec.allClusters()) {
            ids.add(DeploySpec.ALL_CLUSTERS);
        }
        String holder = "resumed deploy of " + deployName(plan) + " on thread "
                + Thread.currentThread().getName();
        try (ClusterLocks.Lease lease = ClusterLocks.jvmWide().acquire(gateway.describe(), ids, holder, log::line)) {
            return resumeHolding(plan, cp);
        }
    }

    private DeployReport resumeHolding(DeployPlan plan, DeployCheckpoint cp)
            throws DeployException, InterruptedException {
        DeployProgress p = DeployProgress.resumed(plan, poller.clock(), cp);
        p.checkpointsTo(checkpoints);
        log.line("Resuming the deploy of " + plan.libraryName() + " after its JVM stopped: " + cp.describe());
        for (ClusterReport c : reports.read(plan, p)) {
            log.line("Found " + c.name() + " (" + c.id() + "): " + c.state() + ", new library " + c.libraryStatus());
        }
        destroyLeftContexts(plan, cp);
        cancelLeftRuns(plan, cp);
        String found = "resumed after the JVM running the deploy stopped (" + cp.describe() + ")";
        switch (cp.phase()) {
            case DONE -> {
                p.notes.add(found);
                Outcome outcome = cp.failure() == null ? Outcome.DEPLOYED : Outcome.ROLLED_BACK;
                return p.report(outcome, cp.failure(), reports.logged(plan, p));
            }
            case UPLOADING -> {
                return uploadCutShort(plan, p, found);
            }
            case SWAPPING, ROLLING_BACK -> {
                p.notes.add(found + "; rolled back, since the swap may be incomplete");
                return fail(
                        plan,
                        p,
                        cp.failure() != null
                                ? cp.failure()
                                : "the JVM running the deploy stopped during the swap; rolling back");
            }
            case RESTARTING, WAITING, SMOKE -> {
                p.notes.add(found + "; finished the restarts, the wait and the smoke command");
                log.line("The swap was complete: finishing the deploy (restarts, wait, smoke command)");
                p.smoke.clear(); // the smoke command runs again on every target, as one round
                try {
                    restartWaitAndSmoke(plan, p);
                } catch (StepFailedException e) {
                    return fail(plan, p, e.getMessage());
                } catch (InterruptedException e) {
                    return abort(plan, p, "interrupted");
                }
                return cleanUpAndReport(plan, p);
            }
            case CLEANUP -> {
                p.notes.add(found + "; finished the clean-up");
                log.line("Every smoke command had passed: finishing the clean-up");
                return cleanUpAndReport(plan, p);
            }
        }
        throw new IllegalStateException("unknown phase " + cp.phase());
    }

    /** The JVM died while storing the new version: no cluster was changed; say whether the upload landed. */
    private DeployReport uploadCutShort(DeployPlan plan, DeployProgress p, String found) throws DeployException {
        String landed;
        try {
            Optional<RemoteLibrary> stored = p.library != null
                    ? Optional.of(p.library)
                    : gateway.stored(plan.spec().folder(), plan.libraryName());
            landed = stored.map(l -> "the upload had landed as " + l.where()
                            + ", attached nowhere; the next deploy's pre-flight handles it")
                    .orElse("the upload had not landed");
        } catch (GatewayException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            landed = "whether the upload landed is unknown: " + e.getMessage();
        }
        String why = "the JVM running the deploy stopped during the upload; no cluster was changed (" + landed
                + ") — run the deploy again";
        log.line("FAILED: " + why);
        p.notes.add(found);
        p.checkpoint(Phase.DONE);
        List<ClusterReport> finals = reports.logged(plan, p);
        throw new DeployException(why, null, p.report(Outcome.FAILED, why, finals));
    }

    /** Smoke contexts are per JVM session on Databricks' side; a dead JVM cannot destroy its own. */
    private void destroyLeftContexts(DeployPlan plan, DeployCheckpoint cp) {
        for (String open : cp.openContexts()) {
            int slash = open.indexOf('/');
            String clusterId = open.substring(0, slash);
            String contextId = open.substring(slash + 1);
            String failure = CleanupCall.run(() -> gateway.destroyContext(clusterId, contextId));
            log.line(
                    failure == null
                            ? "Destroyed execution context " + contextId + " that the stopped JVM left open on "
                                    + Rollback.describe(plan, clusterId)
                            : "Could not destroy execution context " + contextId + " on "
                                    + Rollback.describe(plan, clusterId) + ": " + failure);
        }
    }

    /**
     * A smoke run of the jar's main class goes on running on the cluster when the JVM that watched it dies; the resumed
     * deploy runs its own, so the old one is cancelled (a finished run ignores the cancel).
     */
    private void cancelLeftRuns(DeployPlan plan, DeployCheckpoint cp) {
        for (String open : cp.openRuns()) {
            int slash = open.indexOf('/');
            String clusterId = open.substring(0, slash);
            String runId = open.substring(slash + 1);
            long id;
            try {
                id = Long.parseLong(runId);
            } catch (NumberFormatException e) {
                log.line("Ignored smoke run \"" + runId + "\" of the checkpoint: not a run id");
                continue;
            }
            String failure = CleanupCall.run(() -> gateway.jarRuns().cancel(id));
            log.line(
                    failure == null
                            ? "Cancelled smoke run " + id + " that the stopped JVM left on "
                                    + Rollback.describe(plan, clusterId)
                            : "Could not cancel smoke run " + id + " on " + Rollback.describe(plan, clusterId) + ": "
                                    + failure);
        }
    }

    /** From the restarts to the smoke command; a resume from a checkpoint after the swap starts here. */
    private void restartWaitAndSmoke(DeployPlan plan, DeployProgress p)
            throws StepFailedException, InterruptedException {
        new Swap(gateway, log, poller).restart(plan, p);
        awaitNewVersion(plan, p);
        smoke(plan, p);
    }

    private DeployReport cleanUpAndReport(DeployPlan plan, DeployProgress p) {
        p.checkpoint(Phase.CLEANUP);
        new Cleanup(gateway, poller, log).deleteBeyondKeep(plan, p);
        p.checkpoint(Phase.DONE);
        List<ClusterReport> finals = reports.logged(plan, p);
        p.timings.put("total", p.elapsedMillis());
        log.line("Deployed " + p.library.label() + " to " + finals.size() + " cluster"
                + (finals.size() == 1 ? "" : "s") + " in " + LogFormat.duration(Duration.ofMillis(p.elapsedMillis()))
                + (plan.spec().rollback() ? "" : " (rollback was off)"));
        return p.report(Outcome.DEPLOYED, null, finals);
    }

    // ---------------------------------------------------------------- steps

    /** Waits until every target that is not queued runs with the new version installed. */
    private void awaitNewVersion(DeployPlan plan, DeployProgress p) throws StepFailedException, InterruptedException {
        List<TargetCluster> awaited =
                plan.targets().stream().filter(t -> !t.queued()).toList();
        if (awaited.isEmpty()) {
            log.line("No target cluster is running; the new library takes effect when they start");
            return;
        }
        p.checkpoint(Phase.WAITING);
        Instant start = poller.clock().instant();
        Duration timeout = plan.spec().waitTimeout();
        String newLib = p.library.label();
        log.line("Waiting up to " + LogFormat.duration(timeout) + " for " + awaited.size() + " cluster"
                + (awaited.size() == 1 ? "" : "s") + " to be Running with " + newLib + " installed");
        try {
            new ClusterWait(gateway, poller, log)
                    .until(
                            "clusters "
                                    + awaited.stream()
                                            .map(t -> t.cluster().name())
                                            .collect(Collectors.joining(", "))
                                    + " to be Running with " + newLib + " installed",
                            timeout,
                            awaited.stream()
                                    .map(t -> new ClusterWait.Awaited(t.cluster(), List.of(p.library)))
                                    .toList(),
                            "");
        } finally {
            p.lap("wait", start);
        }
    }

    /**
     * Runs the smoke test on every running target at once ({@link ParallelSmoke}): the command in an execution
     * context ({@link SmokeRunner}) or the jar's main class as a job run ({@link JarSmokeRunner}). The verdicts are
     * logged and reported in target order once all are done. The first failure stops the others and fails the step.
     */
    private void smoke(DeployPlan plan, DeployProgress p) throws StepFailedException, InterruptedException {
        if (plan.spec().smoke().isEmpty()) {
            return;
        }
        SmokeSpec spec = plan.spec().smoke().get();
        GatewayCalls.stopIfInterrupted("the smoke test");
        p.checkpoint(Phase.SMOKE);
        Instant start = poller.clock().instant();
        List<RemoteCluster> running = plan.targets().stream()
                .filter(t -> !t.queued())
                .map(TargetCluster::cluster)
                .toList();
        ClusterSmoke smoke;
        ParallelSmoke.Round round;
        try {
            smoke = smokeTest(plan, p, spec, !running.isEmpty());
            round = running.isEmpty()
                    ? new ParallelSmoke.Round(List.of(), null, false)
                    : new ParallelSmoke(smoke, deployName(plan)).run(running);
        } finally {
            p.lap("smoke", start);
        }
        String noun = smoke.noun();
        String title = Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
        Map<String, SmokeRunner.Result> byCluster = new LinkedHashMap<>();
        round.results().forEach(r -> byCluster.put(r.cluster().id(), r));
        for (TargetCluster t : plan.targets()) {
            SmokeRunner.Result result = byCluster.get(t.cluster().id());
            if (result == null) {
                log.line(title + " skipped on " + t.cluster().label() + ": the cluster is not running");
            } else {
                p.smoke.add(result.report());
                smoke.logVerdict(result);
            }
        }
        p.checkpoint(Phase.SMOKE);
        if (round.interrupted()) {
            throw new InterruptedException("interrupted during the " + noun);
        }
        SmokeRunner.Result first = round.firstFailure();
        if (first != null) {
            List<String> failed = round.results().stream()
                    .filter(r -> !r.passed() && !r.stopped())
                    .map(r -> r.cluster().label())
                    .toList();
            throw new StepFailedException(title + " " + first.report().status() + " on "
                    + String.join(
                            ", ", failed.isEmpty() ? List.of(first.cluster().label()) : failed) + ": "
                    + first.report().message());
        }
    }

    /**
     * The smoke test of this deploy on one cluster. A main class runs as a job run whose library is the path the
     * deploy installed (read only when some target runs it) and whose idempotency token comes from this deploy: the
     * workspace, the library, the build and when this execution started, with the cluster added per run.
     */
    private ClusterSmoke smokeTest(DeployPlan plan, DeployProgress p, SmokeSpec spec, boolean needed)
            throws StepFailedException, InterruptedException {
        if (spec.jarMainClass().isEmpty()) {
            return new SmokeRunner(gateway, poller, log, p)
                    .forCommand(spec, plan.smokeCommand().orElseThrow());
        }
        String jarPath = "";
        if (needed) {
            String[] path = new String[1];
            StepFailedException.call(
                    "read where library " + p.libraryId() + " is stored", () -> path[0] = gateway.jarPath(p.library));
            jarPath = path[0];
        }
        String deployKey = String.join(
                "\n",
                gateway.describe(),
                p.libraryId(),
                plan.spec().buildId().orElse(""),
                Long.toString(p.started.toEpochMilli()));
        return new JarSmokeRunner(
                gateway.jarRuns(), poller, log, spec, jarPath, "Smoke test: " + deployName(plan), deployKey, p);
    }

    // ---------------------------------------------------------------- failure paths

    private DeployReport fail(DeployPlan plan, DeployProgress p, String why)
            throws DeployException, InterruptedException {
        log.line("FAILED: " + why);
        Outcome outcome = Outcome.FAILED;
        String message = why;
        if (plan.spec().rollback()) {
            p.failure = why;
            p.checkpoint(Phase.ROLLING_BACK);
            try {
                new Rollback(gateway, poller, log).run(plan, p, true);
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
        p.checkpoint(Phase.DONE);
        List<ClusterReport> finals = reports.logged(plan, p);
        p.timings.put("total", p.elapsedMillis());
        throw new DeployException(message, null, p.report(outcome, message, finals));
    }

    private DeployReport abort(DeployPlan plan, DeployProgress p, String why) throws DeployAbortedException {
        Thread.interrupted(); // clean-up calls must not trip over the flag; it is set again below
        log.line("ABORTED: " + why);
        String message = why;
        try {
            if (plan.spec().rollback() && p.changedClusters()) {
                p.failure = why;
                p.checkpoint(Phase.ROLLING_BACK);
                try {
                    new Rollback(gateway, poller, log).run(plan, p, false);
                    message = why + " — the old version is attached again; clusters that were restarting load it"
                            + " when they come up";
                } catch (StepFailedException | InterruptedException e) {
                    message = why + " — rollback incomplete: " + e.getMessage();
                }
            }
            p.checkpoint(Phase.DONE);
            List<ClusterReport> finals = reports.logged(plan, p);
            p.timings.put("total", p.elapsedMillis());
            throw new DeployAbortedException(message, p.report(Outcome.ABORTED, message, finals));
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    /** How the deploy's threads are named: the library and the build. */
    private static String deployName(DeployPlan plan) {
        return plan.libraryName()
                + plan.spec().buildId().map(b -> " (build " + b + ")").orElse("");
    }
}
