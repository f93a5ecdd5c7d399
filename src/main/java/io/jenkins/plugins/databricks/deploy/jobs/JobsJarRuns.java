package io.jenkins.plugins.databricks.deploy.jobs;

import io.jenkins.plugins.databricks.api.jobs.JobsClient;
import io.jenkins.plugins.databricks.api.jobs.Run;
import io.jenkins.plugins.databricks.api.jobs.RunOutput;
import io.jenkins.plugins.databricks.api.jobs.RunProgress;
import io.jenkins.plugins.databricks.api.jobs.RunSubmission;
import io.jenkins.plugins.databricks.api.jobs.RunTask;
import io.jenkins.plugins.databricks.api.jobs.SparkJarTask;
import io.jenkins.plugins.databricks.api.jobs.TerminationDetails;
import io.jenkins.plugins.databricks.deploy.ClientCall;
import io.jenkins.plugins.databricks.deploy.GatewayException;
import io.jenkins.plugins.databricks.deploy.JarRuns;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The engine's {@link JarRuns} over the Jobs client: one task, keyed {@value #TASK_KEY}, whose only library is the
 * jar the deploy installed. Both gateways hand this out over their own transport. Closes nothing: the transport
 * belongs to the gateway.
 */
public final class JobsJarRuns implements JarRuns {

    static final String TASK_KEY = "smoke";

    private final JobsClient client;

    public JobsJarRuns(JobsClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public long submit(Request r) throws GatewayException, InterruptedException {
        SparkJarTask task =
                new SparkJarTask(TASK_KEY, r.clusterId(), r.mainClass(), r.parameters(), List.of(r.jarPath()));
        return call(() -> client.submitRun(RunSubmission.of(r.runName(), r.token(), r.timeout(), task)));
    }

    @Override
    public State state(long runId) throws GatewayException, InterruptedException {
        Run run = call(() -> client.getRun(runId));
        RunProgress progress = run.progress();
        TerminationDetails end = progress.termination();
        Long taskRunId = run.task(TASK_KEY).map(RunTask::runId).orElse(null);
        return new State(
                progress.word(),
                progress.finished(),
                progress.succeeded(),
                end == null ? null : end.codeWord(),
                end == null ? "" : end.message(),
                taskRunId,
                run.runPageUrl());
    }

    @Override
    public Output output(long taskRunId) throws GatewayException, InterruptedException {
        RunOutput out = call(() -> client.getRunOutput(taskRunId));
        return new Output(out.logs(), out.logsTruncated(), out.error(), out.errorTrace());
    }

    @Override
    public void cancel(long runId) throws GatewayException, InterruptedException {
        call(() -> {
            client.cancelRun(runId);
            return null;
        });
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) throws GatewayException, InterruptedException {
        return ClientCall.call(call::run);
    }
}
