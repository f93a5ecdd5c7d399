package io.jenkins.plugins.databricks.api.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Typed calls for one-time Jobs runs ({@code /api/2.2/jobs/runs/*}): submit, get, get-output, cancel, over the shared
 * {@link HttpTransport}. The Jobs API is served beside both REST 1.2 and 2.x, so this client goes with either.
 * Thread-safe; closing it closes the transport.
 *
 * <pre>{@code
 * try (JobsClient jobs = HttpTransport.builder(url).auth(auth).build(JobsClient::new)) {
 *     long runId = jobs.submitRun(RunSubmission.of("smoke", token, Duration.ofMinutes(15), task));
 *     Run run = jobs.getRun(runId);
 * }
 * }</pre>
 *
 * <p>Retries: {@code runs/get} and {@code runs/get-output} are reads; {@code runs/cancel} is harmless to repeat; a
 * submit with an idempotency token is repeated like a read (the service answers a repeat with the run it started),
 * one without a token is not repeated once it may have reached the server.
 */
public final class JobsClient implements AutoCloseable {

    private static final ObjectReader RUN = HttpTransport.MAPPER.readerFor(Run.class);
    private static final ObjectReader OUTPUT = HttpTransport.MAPPER.readerFor(RunOutput.class);
    private static final ObjectReader RUN_ID = HttpTransport.MAPPER.readerFor(RunIdAnswer.class);

    /** {@code {"run_id": ...}}; other fields ignored. */
    record RunIdAnswer(@JsonProperty("run_id") Long runId) {}

    private final HttpTransport transport;

    /** The Jobs calls over {@code transport}; closing this client closes it. */
    public JobsClient(HttpTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** The transport the calls go through. */
    public HttpTransport transport() {
        return transport;
    }

    /** The normalised workspace URL. */
    public WorkspaceUrl workspaceUrl() {
        return transport.workspace();
    }

    /** {@code POST runs/submit}: starts a one-time run; returns its run id (the existing run's for a known token). */
    public long submitRun(RunSubmission submission) throws IOException {
        Objects.requireNonNull(submission, "submission");
        Endpoint endpoint =
                submission.idempotencyToken() == null ? Endpoint.RUNS_SUBMIT : Endpoint.RUNS_SUBMIT_IDEMPOTENT;
        RunIdAnswer answer = transport.call(endpoint.call, json(submitBody(submission)), RUN_ID::readValue, false);
        if (answer == null || answer.runId() == null) {
            throw new DatabricksApiException(
                    endpoint.description(), 200, 1, null, "the answer carries no run_id", null, null);
        }
        return answer.runId();
    }

    /** {@code GET runs/get}: the run, its state and its task runs. */
    public Run getRun(long runId) throws IOException {
        return transport.call(
                Endpoint.RUNS_GET.call, HttpTransport.get("run_id", Long.toString(runId)), RUN::readValue, false);
    }

    /**
     * {@code GET runs/get-output} of one <em>task</em> run ({@link RunTask#runId()}): the service refuses the id of
     * a run made of tasks.
     */
    public RunOutput getRunOutput(long taskRunId) throws IOException {
        return transport.call(
                Endpoint.RUNS_GET_OUTPUT.call,
                HttpTransport.get("run_id", Long.toString(taskRunId)),
                OUTPUT::readValue,
                false);
    }

    /** {@code POST runs/cancel}: asynchronous (the run passes through TERMINATING); a finished run stays as it is. */
    public void cancelRun(long runId) throws IOException {
        ObjectNode body = HttpTransport.MAPPER.createObjectNode();
        body.put("run_id", runId);
        transport.call(Endpoint.RUNS_CANCEL.call, json(body), JobsClient::discard, false);
    }

    static ObjectNode submitBody(RunSubmission s) {
        ObjectNode body = HttpTransport.MAPPER.createObjectNode();
        body.put("run_name", s.runName());
        if (s.idempotencyToken() != null) {
            body.put("idempotency_token", s.idempotencyToken());
        }
        if (s.timeoutSeconds() > 0) {
            body.put("timeout_seconds", s.timeoutSeconds());
        }
        ArrayNode tasks = body.putArray("tasks");
        for (SparkJarTask t : s.tasks()) {
            ObjectNode task = tasks.addObject();
            task.put("task_key", t.taskKey());
            task.put("existing_cluster_id", t.existingClusterId());
            ObjectNode jar = task.putObject("spark_jar_task");
            jar.put("main_class_name", t.mainClassName());
            ArrayNode parameters = jar.putArray("parameters");
            t.parameters().forEach(parameters::add);
            ArrayNode libraries = task.putArray("libraries");
            t.jars().forEach(path -> libraries.addObject().put("jar", path));
        }
        return body;
    }

    private static HttpTransport.RequestFactory json(ObjectNode body) throws IOException {
        byte[] bytes = HttpTransport.MAPPER.writeValueAsBytes(body);
        return HttpTransport.post(() -> new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
    }

    private static Void discard(InputStream body) throws IOException {
        body.transferTo(OutputStream.nullOutputStream());
        return null;
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "JobsClient[" + transport.workspace() + "]";
    }
}
