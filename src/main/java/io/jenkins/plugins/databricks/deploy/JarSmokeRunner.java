package io.jenkins.plugins.databricks.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs the deployed jar's main class on one cluster as a one-time job run: submit (with an idempotency token derived
 * from the deploy and the cluster, so a submit the client repeats after a lost answer finds the same run), poll until
 * the run ends, judge (only the termination code {@code SUCCESS} passes, then the logs must match {@code smokeExpect}
 * if given), and read the tail of the output for the log and the report. A poll timeout, an abort, another cluster's
 * failure or a failed poll cancel the run, so nothing is left running on the cluster. The task's library is the path
 * the deploy installed ({@link DatabricksGateway#jarPath}): nothing is uploaded again and the cluster gets no second
 * copy. Keeps no state between runs; {@link ParallelSmoke} runs it on each running target at once.
 */
final class JarSmokeRunner implements ClusterSmoke {

    /** Lines of a failed run's output shown in the build log. */
    static final int LOG_LINES = 20;

    static final String PREFIX = "jenkins-smoke-";

    /**
     * How much longer than {@code smokeTimeout} the service may let a run go: a backstop for a Jenkins that went away,
     * later than the engine's own deadline so that the engine's cancel, with its message, comes first.
     */
    static final Duration SERVICE_TIMEOUT_MARGIN = Duration.ofMinutes(1);

    /** Told of each run as it is submitted and as it ends, so a checkpoint can name the runs a dead JVM left. */
    interface RunWatch {
        RunWatch NONE = new RunWatch() {
            @Override
            public void submitted(String clusterId, long runId) {}

            @Override
            public void ended(String clusterId, long runId) {}
        };

        void submitted(String clusterId, long runId);

        /** The run finished, or was cancelled. */
        void ended(String clusterId, long runId);
    }

    private final JarRuns runs;
    private final RunWatch watch;
    private final Poller poller;
    private final StepLog log;
    private final SmokeSpec spec;
    private final String mainClass;
    private final String jarPath;
    private final String runName;
    private final String deployKey;

    /**
     * @param jarPath the path the deploy installed the jar from
     * @param runName shown on the run's page, e.g. "Smoke test: app-1.2.jar (build 42)"
     * @param deployKey what tells this deploy from any other (workspace, library, build, start): with the cluster it
     *     makes the idempotency token
     */
    JarSmokeRunner(
            JarRuns runs,
            Poller poller,
            StepLog log,
            SmokeSpec spec,
            String jarPath,
            String runName,
            String deployKey,
            RunWatch watch) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.watch = Objects.requireNonNull(watch, "watch");
        this.poller = poller;
        this.log = log;
        this.spec = spec;
        this.mainClass = spec.jarMainClass().orElseThrow(() -> new IllegalArgumentException("not a main class smoke"));
        this.jarPath = Objects.requireNonNull(jarPath, "jarPath");
        this.runName = runName;
        this.deployKey = deployKey;
    }

    /** At most 64 characters, the same for the same deploy and cluster, different for any other. */
    static String token(String deployKey, String clusterId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((deployKey + "\n" + clusterId).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String noun() {
        return "smoke run";
    }

    @Override
    public SmokeRunner.Result run(RemoteCluster cluster, Supplier<String> stopReason) {
        Clock clock = poller.clock();
        Instant start = clock.instant();
        Instant deadline = start.plus(spec.timeout());
        String where = cluster.label();
        Long runId = null;
        try {
            GatewayCalls.stopIfInterrupted("the smoke run on " + where);
            // carried to its answer through an interrupt: a run whose id we never learnt could not be cancelled
            long id = AnsweredCall.get(() -> runs.submit(new JarRuns.Request(
                    runName,
                    token(deployKey, cluster.id()),
                    spec.timeout().plus(SERVICE_TIMEOUT_MARGIN),
                    cluster.id(),
                    mainClass,
                    spec.parameters(),
                    jarPath)));
            runId = id;
            watch.submitted(cluster.id(), id);
            GatewayCalls.stopIfInterrupted("the smoke run " + id + " on " + where);
            log.line("Smoke run of " + mainClass + " on " + where + ": run " + id);
            JarRuns.State first = runs.state(id);
            if (first.pageUrl() != null && !first.pageUrl().isBlank()) {
                log.line("Smoke run " + id + " on " + where + ": " + first.pageUrl());
            }
            JarRuns.State end = first.finished()
                    ? first
                    : poller.until(
                            "smoke run " + id + " on " + where,
                            left(clock, deadline),
                            () -> runs.state(id),
                            s -> s.finished());
            watch.ended(cluster.id(), id);
            return judge(cluster, start, id, end);
        } catch (PollTimeoutException e) {
            cancelQuietly(cluster, runId);
            return finish(
                    cluster,
                    start,
                    SmokeRunner.TIMED_OUT,
                    null,
                    null,
                    "no result within smokeTimeout " + LogFormat.duration(spec.timeout()) + "; run " + runId
                            + " cancelled");
        } catch (GatewayException e) {
            cancelQuietly(cluster, runId);
            return finish(cluster, start, SmokeRunner.FAILED, null, null, e.getMessage());
        } catch (InterruptedException e) {
            cancelQuietly(cluster, runId);
            Thread.currentThread().interrupt();
            String reason = stopReason.get();
            String cancelled = runId != null ? "; run " + runId + " cancelled" : "";
            DeployReport.SmokeReport report = reason == null
                    ? report(cluster, start, SmokeRunner.ABORTED, null, null, "interrupted" + cancelled)
                    : report(
                            cluster, start, SmokeRunner.CANCELLED, null, null, "stopped because " + reason + cancelled);
            return new SmokeRunner.Result(cluster, report, true);
        }
    }

    private SmokeRunner.Result judge(RemoteCluster cluster, Instant start, long runId, JarRuns.State end)
            throws InterruptedException {
        String code = end.code() == null ? end.lifecycle() : end.code();
        long outputRun = end.taskRunId() != null ? end.taskRunId() : runId;
        String output;
        String unreadable = null;
        String logs = null;
        try {
            JarRuns.Output out = runs.output(outputRun);
            logs = out.logs();
            output = tail(out);
        } catch (GatewayException e) {
            unreadable = "the output could not be read: " + e.getMessage();
            output = null;
        }
        if (end.succeeded()) {
            Pattern expect = spec.expected().orElse(null);
            if (expect != null && (logs == null || !expect.matcher(logs).find())) {
                return finish(
                        cluster,
                        start,
                        SmokeRunner.FAILED,
                        code,
                        output,
                        "the logs of run " + runId + " do not match smokeExpect /" + expect.pattern() + "/"
                                + (unreadable == null ? "" : " (" + unreadable + ")"));
            }
            if (unreadable != null) {
                log.line("Smoke run " + runId + " on " + cluster.label() + " passed, but " + unreadable);
            }
            return finish(cluster, start, SmokeRunner.PASSED, code, output, null);
        }
        String status = "USER_CANCELED".equals(code) ? SmokeRunner.CANCELLED : SmokeRunner.FAILED;
        String message = "run " + runId + " ended " + code
                + (end.message() == null || end.message().isBlank() ? "" : ": " + end.message())
                + (unreadable == null ? "" : " (" + unreadable + ")");
        return finish(cluster, start, status, code, output, message);
    }

    /**
     * What the report keeps of the output: the end of the logs (the last {@link DeployReport#MAX_OUTPUT_CHARS}
     * characters, where a failing main class prints last), then the error and the start of its trace.
     */
    static String tail(JarRuns.Output out) {
        StringBuilder text = new StringBuilder();
        String logs = out.logs() == null ? "" : out.logs().strip();
        if (!logs.isEmpty()) {
            text.append(logs);
        }
        if (out.error() != null && !out.error().isBlank()) {
            text.append(text.length() == 0 ? "" : "\n").append(out.error().strip());
        }
        if (out.errorTrace() != null && !out.errorTrace().isBlank()) {
            List<String> trace = out.errorTrace().strip().lines().limit(8).toList();
            // The trace usually repeats the error as its first line.
            int from = !trace.isEmpty()
                            && out.error() != null
                            && trace.get(0).equals(out.error().strip())
                    ? 1
                    : 0;
            for (String line : trace.subList(from, trace.size())) {
                text.append('\n').append(line);
            }
        }
        String all = text.toString();
        if (all.isEmpty()) {
            return null;
        }
        int max = DeployReport.MAX_OUTPUT_CHARS;
        boolean cut = out.truncated() || all.length() > max;
        if (all.length() > max - 2) {
            all = all.substring(all.length() - (max - 2));
        }
        return cut ? "…\n" + all : all;
    }

    @Override
    public void logVerdict(SmokeRunner.Result result) {
        DeployReport.SmokeReport r = result.report();
        String where = result.cluster().label();
        String output = r.output();
        String took = LogFormat.duration(Duration.ofMillis(r.durationMillis()));
        if (result.passed()) {
            log.line("Smoke run of " + mainClass + " on " + where + " passed in " + took
                    + (output == null || output.isBlank() ? "" : ": " + lastLine(output)));
        } else if (SmokeRunner.SKIPPED.equals(r.status())) {
            log.line("Smoke run skipped on " + where + ": " + r.message());
        } else {
            log.line("Smoke run of " + mainClass + " on " + where + " " + r.status() + " after " + took + ": "
                    + r.message());
            if (output != null && !output.isBlank()) {
                List<String> lines = output.lines().toList();
                for (String line : lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size())) {
                    log.line("  | " + line);
                }
            }
        }
    }

    private void cancelQuietly(RemoteCluster cluster, Long runId) {
        if (runId == null) {
            return;
        }
        String failure = CleanupCall.run(() -> runs.cancel(runId));
        if (failure == null) {
            watch.ended(cluster.id(), runId);
        }
        log.line(
                failure == null
                        ? "Cancelled smoke run " + runId + " on " + cluster.label()
                        : "Could not cancel smoke run " + runId + " on " + cluster.label() + ": " + failure);
    }

    private SmokeRunner.Result finish(
            RemoteCluster cluster, Instant start, String status, String resultType, String output, String message) {
        return new SmokeRunner.Result(cluster, report(cluster, start, status, resultType, output, message), false);
    }

    private DeployReport.SmokeReport report(
            RemoteCluster cluster, Instant start, String status, String resultType, String output, String message) {
        long millis = Duration.between(start, poller.clock().instant()).toMillis();
        return new DeployReport.SmokeReport(cluster.id(), status, resultType, output, millis, message);
    }

    private static Duration left(Clock clock, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        String line = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        return line.length() > 200 ? line.substring(0, 200) + " …" : line;
    }
}
