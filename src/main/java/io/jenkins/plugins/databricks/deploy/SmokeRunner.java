package io.jenkins.plugins.databricks.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Runs the smoke command on one cluster: create a context, wait until it runs, execute, poll until final, judge, and
 * always destroy the context — on an interrupt after cancelling the command first.
 */
final class SmokeRunner {

    static final String PASSED = "PASSED";
    static final String FAILED = "FAILED";
    static final String CANCELLED = "CANCELLED";
    static final String TIMED_OUT = "TIMED_OUT";
    static final String ABORTED = "ABORTED";

    private final DatabricksGateway gateway;
    private final Poller poller;
    private final StepLog log;

    SmokeRunner(DatabricksGateway gateway, Poller poller, StepLog log) {
        this.gateway = gateway;
        this.poller = poller;
        this.log = log;
    }

    /**
     * Runs and hands the outcome to {@code sink} (also when interrupted, before rethrowing).
     *
     * @return whether it passed
     */
    boolean run(RemoteCluster cluster, SmokeSpec spec, String command, Consumer<DeployReport.SmokeReport> sink)
            throws InterruptedException {
        Clock clock = poller.clock();
        Instant start = clock.instant();
        Instant deadline = start.plus(spec.timeout());
        String where = cluster.label();
        String contextId = null;
        String commandId = null;
        CommandState last = null;
        try {
            contextId = gateway.createContext(cluster.id(), spec.language());
            String ctx = contextId;
            String contextStatus = poller.until(
                    "context " + ctx + " on " + where + " to be Running",
                    left(clock, deadline),
                    () -> gateway.contextStatus(cluster.id(), ctx),
                    s -> !"Pending".equals(s));
            if (!"Running".equals(contextStatus)) {
                return finish(
                        sink,
                        cluster,
                        start,
                        FAILED,
                        null,
                        null,
                        "execution context " + ctx + " ended " + contextStatus + " instead of Running");
            }
            commandId = gateway.execute(cluster.id(), ctx, spec.language(), command);
            String cmd = commandId;
            log.line("Smoke command on " + where + ": " + spec.language().wireValue() + " in context " + ctx
                    + ", command " + cmd);
            last = poller.until(
                    "smoke command " + cmd + " on " + where,
                    left(clock, deadline),
                    () -> gateway.commandStatus(cluster.id(), ctx, cmd),
                    CommandState::isFinal);
            return judge(sink, cluster, start, spec, last);
        } catch (PollTimeoutException e) {
            if (commandId != null) {
                cancelQuietly(cluster, contextId, commandId);
            }
            return finish(
                    sink,
                    cluster,
                    start,
                    TIMED_OUT,
                    null,
                    null,
                    "no result within smokeTimeout " + LogFormat.duration(spec.timeout())
                            + (commandId != null ? "; command " + commandId + " cancelled" : ""));
        } catch (GatewayException e) {
            return finish(sink, cluster, start, FAILED, null, null, e.getMessage());
        } catch (InterruptedException e) {
            if (commandId != null) {
                cancelQuietly(cluster, contextId, commandId);
            }
            finish(
                    sink,
                    cluster,
                    start,
                    ABORTED,
                    null,
                    null,
                    "interrupted" + (commandId != null ? "; command " + commandId + " cancelled" : ""));
            throw e;
        } finally {
            if (contextId != null) {
                destroyQuietly(cluster, contextId);
            }
        }
    }

    private boolean judge(
            Consumer<DeployReport.SmokeReport> sink,
            RemoteCluster cluster,
            Instant start,
            SmokeSpec spec,
            CommandState state) {
        String output = state.output();
        return switch (state.status()) {
            case "Cancelled" ->
                finish(
                        sink,
                        cluster,
                        start,
                        CANCELLED,
                        state.resultType(),
                        output,
                        "the command was cancelled on Databricks");
            case "Error" ->
                finish(
                        sink,
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
                            sink,
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
                            sink,
                            cluster,
                            start,
                            FAILED,
                            state.resultType(),
                            output,
                            "the output does not match smokeExpect /"
                                    + spec.expected().get().pattern() + "/");
                }
                yield finish(sink, cluster, start, PASSED, state.resultType(), output, null);
            }
        };
    }

    private boolean finish(
            Consumer<DeployReport.SmokeReport> sink,
            RemoteCluster cluster,
            Instant start,
            String status,
            String resultType,
            String output,
            String message) {
        String where = cluster.label();
        long millis = Duration.between(start, poller.clock().instant()).toMillis();
        sink.accept(new DeployReport.SmokeReport(
                cluster.id(), status, resultType, DeployReport.truncate(output), millis, message));
        String took = LogFormat.duration(Duration.ofMillis(millis));
        if (PASSED.equals(status)) {
            log.line("Smoke command on " + where + " passed in " + took
                    + (output == null || output.isBlank() ? "" : ": " + firstLine(output)));
        } else {
            log.line("Smoke command on " + where + " " + status + " after " + took + ": " + message);
            if (output != null && !output.isBlank() && !ABORTED.equals(status)) {
                for (String line : DeployReport.truncate(output).split("\n", 20)) {
                    log.line("  | " + line);
                }
            }
        }
        return PASSED.equals(status);
    }

    private void cancelQuietly(RemoteCluster cluster, String contextId, String commandId) {
        boolean interrupted = Thread.interrupted();
        try {
            gateway.cancelCommand(cluster.id(), contextId, commandId);
            log.line("Cancelled smoke command " + commandId + " on " + cluster.label());
        } catch (GatewayException | InterruptedException e) {
            log.line("Could not cancel smoke command " + commandId + " on " + cluster.label() + ": " + e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void destroyQuietly(RemoteCluster cluster, String contextId) {
        boolean interrupted = Thread.interrupted();
        try {
            gateway.destroyContext(cluster.id(), contextId);
            log.line("Destroyed execution context " + contextId + " on " + cluster.label());
        } catch (GatewayException | InterruptedException e) {
            log.line("Could not destroy execution context " + contextId + " on " + cluster.label() + ": "
                    + e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
