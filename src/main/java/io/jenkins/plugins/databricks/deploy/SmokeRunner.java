package io.jenkins.plugins.databricks.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs the smoke command on one cluster: create a context, wait until it runs, execute, poll until final, judge, and
 * always destroy the context — on an interrupt after cancelling the command first. Safe to use from several threads
 * at once (it keeps no state between runs); {@link ParallelSmoke} does, one cluster per thread.
 *
 * <p>A run logs its progress as it goes (context, command, cancel, destroy); the one-line verdict comes from
 * {@link #logVerdict}, which the caller calls once every cluster is done, so the verdicts appear in target order.
 */
final class SmokeRunner {

    static final String PASSED = "PASSED";
    static final String FAILED = "FAILED";
    /** Cancelled on Databricks by someone else, or by us because the command failed on another cluster. */
    static final String CANCELLED = "CANCELLED";

    static final String TIMED_OUT = "TIMED_OUT";
    static final String ABORTED = "ABORTED";
    /** Not started: the command had already failed on another cluster. */
    static final String SKIPPED = "SKIPPED";

    /**
     * How one cluster's run ended.
     *
     * @param stopped it was interrupted (the deploy was aborted, or another cluster failed) rather than judged
     */
    record Result(RemoteCluster cluster, DeployReport.SmokeReport report, boolean stopped) {
        boolean passed() {
            return PASSED.equals(report.status());
        }
    }

    /** Told of each context as it is created and destroyed, so a checkpoint can name the ones a dead JVM left. */
    interface ContextWatch {
        ContextWatch NONE = new ContextWatch() {
            @Override
            public void opened(String clusterId, String contextId) {}

            @Override
            public void closed(String clusterId, String contextId) {}
        };

        void opened(String clusterId, String contextId);

        void closed(String clusterId, String contextId);
    }

    private final DatabricksGateway gateway;
    private final Poller poller;
    private final StepLog log;
    private final ContextWatch contexts;

    SmokeRunner(DatabricksGateway gateway, Poller poller, StepLog log) {
        this(gateway, poller, log, ContextWatch.NONE);
    }

    SmokeRunner(DatabricksGateway gateway, Poller poller, StepLog log, ContextWatch contexts) {
        this.gateway = gateway;
        this.poller = poller;
        this.log = log;
        this.contexts = contexts;
    }

    /** This runner bound to one spec and command, as {@link ParallelSmoke} runs it on each cluster. */
    ClusterSmoke forCommand(SmokeSpec spec, String command) {
        return new ClusterSmoke() {
            @Override
            public Result run(RemoteCluster cluster, Supplier<String> stopReason) {
                return SmokeRunner.this.run(cluster, spec, command, stopReason);
            }

            @Override
            public String noun() {
                return "smoke command";
            }

            @Override
            public void logVerdict(Result result) {
                SmokeRunner.this.logVerdict(result);
            }
        };
    }

    /**
     * Runs to a verdict. An interrupt cancels the command, destroys the context and ends the run with a stopped result
     * (the thread's interrupt flag stays set): {@code CANCELLED} when {@code stopReason} then names why (another
     * cluster failed), {@code ABORTED} when it gives {@code null} (the deploy was aborted).
     */
    Result run(RemoteCluster cluster, SmokeSpec spec, String command, Supplier<String> stopReason) {
        Clock clock = poller.clock();
        Instant start = clock.instant();
        Instant deadline = start.plus(spec.timeout());
        String where = cluster.label();
        String contextId = null;
        String commandId = null;
        CommandState last = null;
        try {
            GatewayCalls.stopIfInterrupted("the smoke command on " + where);
            contextId = AnsweredCall.get(() -> gateway.createContext(cluster.id(), spec.language()));
            contexts.opened(cluster.id(), contextId);
            String ctx = contextId;
            String contextStatus = poller.until(
                    "context " + ctx + " on " + where + " to be Running",
                    left(clock, deadline),
                    () -> gateway.contextStatus(cluster.id(), ctx),
                    s -> !"Pending".equals(s));
            if (!"Running".equals(contextStatus)) {
                return finish(
                        cluster,
                        start,
                        FAILED,
                        null,
                        null,
                        "execution context " + ctx + " ended " + contextStatus + " instead of Running");
            }
            commandId = AnsweredCall.get(() -> gateway.execute(cluster.id(), ctx, spec.language(), command));
            String cmd = commandId;
            log.line("Smoke command on " + where + ": " + spec.language().wireValue() + " in context " + ctx
                    + ", command " + cmd);
            last = poller.until(
                    "smoke command " + cmd + " on " + where,
                    left(clock, deadline),
                    () -> gateway.commandStatus(cluster.id(), ctx, cmd),
                    CommandState::isFinal);
            return judge(cluster, start, spec, last);
        } catch (PollTimeoutException e) {
            if (commandId != null) {
                cancelQuietly(cluster, contextId, commandId);
            }
            return finish(
                    cluster,
                    start,
                    TIMED_OUT,
                    null,
                    null,
                    "no result within smokeTimeout " + LogFormat.duration(spec.timeout())
                            + (commandId != null ? "; command " + commandId + " cancelled" : ""));
        } catch (GatewayException e) {
            return finish(cluster, start, FAILED, null, null, e.getMessage());
        } catch (InterruptedException e) {
            if (commandId != null) {
                cancelQuietly(cluster, contextId, commandId);
            }
            Thread.currentThread().interrupt();
            String reason = stopReason.get();
            String cancelled = commandId != null ? "; command " + commandId + " cancelled" : "";
            DeployReport.SmokeReport report = reason == null
                    ? report(cluster, start, ABORTED, null, null, "interrupted" + cancelled)
                    : report(cluster, start, CANCELLED, null, null, "stopped because " + reason + cancelled);
            return new Result(cluster, report, true);
        } finally {
            if (contextId != null) {
                destroyQuietly(cluster, contextId);
            }
        }
    }

    private Result judge(RemoteCluster cluster, Instant start, SmokeSpec spec, CommandState state) {
        String output = state.output();
        return switch (state.status()) {
            case "Cancelled" ->
                finish(
                        cluster,
                        start,
                        CANCELLED,
                        state.resultType(),
                        output,
                        "the command was cancelled on Databricks");
            case "Error" ->
                finish(
                        cluster,
                        start,
                        FAILED,
                        state.resultType(),
                        firstNonNull(state.errorSummary(), output),
                        "Databricks could not run the command (status Error)");
            default -> {
                if ("error".equals(state.resultType())) {
                    String text = state.errorSummary() + (state.errorCause() == null ? "" : "\n" + state.errorCause());
                    yield finish(
                            cluster,
                            start,
                            FAILED,
                            "error",
                            text,
                            "the command failed: " + firstLine(state.errorSummary()));
                }
                if (spec.expected().isPresent()
                        && (output == null
                                || !spec.expected().get().matcher(output).find())) {
                    yield finish(
                            cluster,
                            start,
                            FAILED,
                            state.resultType(),
                            output,
                            "the output does not match smokeExpect /"
                                    + spec.expected().get().pattern() + "/");
                }
                yield finish(cluster, start, PASSED, state.resultType(), output, null);
            }
        };
    }

    private Result finish(
            RemoteCluster cluster, Instant start, String status, String resultType, String output, String message) {
        return new Result(cluster, report(cluster, start, status, resultType, output, message), false);
    }

    private DeployReport.SmokeReport report(
            RemoteCluster cluster, Instant start, String status, String resultType, String output, String message) {
        long millis = Duration.between(start, poller.clock().instant()).toMillis();
        return new DeployReport.SmokeReport(
                cluster.id(), status, resultType, DeployReport.truncate(output), millis, message);
    }

    /** A cluster whose run never started because the command had already failed elsewhere. */
    static Result skipped(RemoteCluster cluster, String reason) {
        return new Result(cluster, new DeployReport.SmokeReport(cluster.id(), SKIPPED, null, null, 0, reason), true);
    }

    /** The verdict line (and for a failure the output's first lines) of one cluster's run. */
    void logVerdict(Result result) {
        DeployReport.SmokeReport r = result.report();
        String where = result.cluster().label();
        String output = r.output();
        String took = LogFormat.duration(Duration.ofMillis(r.durationMillis()));
        if (result.passed()) {
            log.line("Smoke command on " + where + " passed in " + took
                    + (output == null || output.isBlank() ? "" : ": " + firstLine(output)));
        } else if (SKIPPED.equals(r.status())) {
            log.line("Smoke command skipped on " + where + ": " + r.message());
        } else {
            log.line("Smoke command on " + where + " " + r.status() + " after " + took + ": " + r.message());
            if (output != null && !output.isBlank()) {
                for (String line : output.split("\n", 20)) {
                    log.line("  | " + line);
                }
            }
        }
    }

    private void cancelQuietly(RemoteCluster cluster, String contextId, String commandId) {
        String problem = CleanupCall.run(() -> gateway.cancelCommand(cluster.id(), contextId, commandId));
        if (problem == null) {
            log.line("Cancelled smoke command " + commandId + " on " + cluster.label());
        } else {
            log.line("Could not cancel smoke command " + commandId + " on " + cluster.label() + ": " + problem);
        }
    }

    private void destroyQuietly(RemoteCluster cluster, String contextId) {
        String problem = CleanupCall.run(() -> gateway.destroyContext(cluster.id(), contextId));
        if (problem == null) {
            log.line("Destroyed execution context " + contextId + " on " + cluster.label());
            contexts.closed(cluster.id(), contextId);
        } else {
            log.line("Could not destroy execution context " + contextId + " on " + cluster.label() + ": " + problem);
        }
    }

    private static Duration left(Clock clock, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl) + " …";
        return line.length() > 200 ? line.substring(0, 200) + " …" : line;
    }
}
