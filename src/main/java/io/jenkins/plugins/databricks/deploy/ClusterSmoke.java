package io.jenkins.plugins.databricks.deploy;

import java.util.function.Supplier;

/**
 * One kind of smoke test on one cluster, as {@link ParallelSmoke} runs it on every running target at once: a command
 * in an execution context ({@link SmokeRunner}) or the jar's main class as a one-time job run ({@link JarSmokeRunner}).
 * Safe to call from several threads at once.
 */
interface ClusterSmoke {

    /**
     * Runs to a verdict. An interrupt stops Databricks' side of it (cancel, clean up) and ends with a stopped result,
     * the thread's interrupt flag set: {@code CANCELLED} when {@code stopReason} then names why (another cluster
     * failed), {@code ABORTED} when it gives {@code null} (the deploy was aborted).
     */
    SmokeRunner.Result run(RemoteCluster cluster, Supplier<String> stopReason);

    /** What the log calls it: {@code smoke command}, {@code smoke run}. */
    String noun();

    /** The verdict line (and for a failure the output's lines) of one cluster's run. */
    void logVerdict(SmokeRunner.Result result);
}
