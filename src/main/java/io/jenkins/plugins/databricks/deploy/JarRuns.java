package io.jenkins.plugins.databricks.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One-time runs of a jar's main class on a cluster, in the engine's words: what a jar-native smoke test needs from the
 * Jobs API, which both backends reach the same way (it is served beside REST 1.2 and 2.x). A gateway hands one out
 * ({@link DatabricksGateway#jarRuns()}). Every method may block on the network; an interrupted call throws {@link
 * InterruptedException}; a failed one {@link GatewayException} naming the call and what the server said.
 */
public interface JarRuns {

    /**
     * Starts the run, or finds the one already started with the request's token (so a repeat after a lost answer
     * starts nothing new); returns its id.
     */
    long submit(Request request) throws GatewayException, InterruptedException;

    /** Where the run is now. */
    State state(long runId) throws GatewayException, InterruptedException;

    /** The output of the run's task: logs (their tail), error and trace. */
    Output output(long taskRunId) throws GatewayException, InterruptedException;

    /** Asks Databricks to cancel the run; a finished run stays as it is. */
    void cancel(long runId) throws GatewayException, InterruptedException;

    /**
     * One run of {@code mainClass} on {@code clusterId}.
     *
     * @param runName shown on the run's page
     * @param token at most 64 characters; the same token never starts a second run
     * @param timeout the service-side limit of the run
     * @param jarPath the path the deploy installed the jar from: named as the task's library so that the cluster
     *     gets no second copy
     */
    record Request(
            String runName,
            String token,
            Duration timeout,
            String clusterId,
            String mainClass,
            List<String> parameters,
            String jarPath) {
        public Request {
            Objects.requireNonNull(runName, "runName");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(clusterId, "clusterId");
            Objects.requireNonNull(mainClass, "mainClass");
            Objects.requireNonNull(jarPath, "jarPath");
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * A run's state.
     *
     * @param lifecycle the server's word ({@code PENDING}, {@code RUNNING}, {@code TERMINATED}, ...)
     * @param finished it will not change any more
     * @param succeeded it finished with the termination code {@code SUCCESS}
     * @param code the termination code as the server wrote it, or {@code null} before the end
     * @param message the server's termination message (may be empty)
     * @param taskRunId the id of its one task's run (what {@link #output} takes), or {@code null} if not listed yet
     * @param pageUrl the run's page, for a person to click
     */
    record State(
            String lifecycle,
            boolean finished,
            boolean succeeded,
            String code,
            String message,
            Long taskRunId,
            String pageUrl) {
        @Override
        public String toString() {
            return code == null ? lifecycle : lifecycle + " " + code;
        }
    }

    /**
     * A task run's output.
     *
     * @param logs what the main class printed: the tail Databricks keeps, possibly empty
     * @param truncated the logs lost their beginning
     * @param error the failure, or {@code null}
     * @param errorTrace its stack trace, or {@code null}
     */
    record Output(String logs, boolean truncated, String error, String errorTrace) {}
}
