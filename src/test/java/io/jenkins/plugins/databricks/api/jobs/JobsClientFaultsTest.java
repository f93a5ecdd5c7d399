package io.jenkins.plugins.databricks.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ManualRetry;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.JarBytes;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's faults on the Jobs calls, through real HTTP: a submit with an idempotency token is retried even when
 * its answer was lost (and still starts one run); one without a token is not; reads and cancel are retried like
 * reads. Waits move a fake clock.
 */
class JobsClientFaultsTest {

    private static final String CLUSTER = "0101-000000-run1";
    private static final String SUBMIT = "/api/2.2/jobs/runs/submit";

    private DatabricksEmulator emulator;
    private ManualClock time;
    private JobsClient jobs;
    private String jarUri;

    @BeforeEach
    void start() throws Exception {
        emulator = DatabricksEmulator.start();
        emulator.addCluster(CLUSTER, "etl", ClusterState.RUNNING);
        time = new ManualClock();
        jobs = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(ManualRetry.policy(time).maxAttempts(3).build())
                .build(JobsClient::new);
        try (Rest12Client rest12 = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .build(Rest12Client::new)) {
            String id = rest12.uploadLibrary(LibraryUpload.jar(
                    "/libs", "app.jar", UploadSource.of("app.jar", JarBytes.withClasses("com.acme.Smoke"))));
            jarUri = "dbfs:/FileStore/jars/" + rest12.libraryStatus(id).files().get(0);
        }
    }

    @AfterEach
    void stop() {
        jobs.close();
        emulator.close();
    }

    private RunSubmission smoke(String token, String... parameters) {
        return RunSubmission.of(
                "smoke",
                token,
                Duration.ZERO,
                new SparkJarTask("smoke", CLUSTER, "com.acme.Smoke", List.of(parameters), List.of(jarUri)));
    }

    private List<Integer> statuses(String endpoint) {
        return emulator.journal().forEndpoint(endpoint).stream()
                .map(JournalEntry::status)
                .toList();
    }

    @Test
    void aSubmitWithATokenWhoseAnswerWasLostIsRetriedAndStartsOneRun() throws Exception {
        emulator.faults().forPath("jobs/runs/submit").loseResponseAfterSuccess();

        long runId = jobs.submitRun(smoke("deploy-42-c1", "emulator:hang"));

        assertThat(statuses(SUBMIT)).containsExactly(JournalEntry.NO_RESPONSE, 200);
        assertThat(emulator.jobs().runs())
                .singleElement()
                .satisfies(run -> assertThat(run.runId()).isEqualTo(runId));
        assertThat(emulator.journal().mutations())
                .filteredOn(e -> e.path().equals(SUBMIT))
                .hasSize(1);
        assertThat(time.sleeps()).hasSize(1);
    }

    @Test
    void aSubmitWithoutATokenWhoseAnswerWasLostIsNotRepeated() {
        emulator.faults().forPath("jobs/runs/submit").loseResponseAfterSuccess();

        DatabricksApiException e =
                catchThrowableOfType(DatabricksApiException.class, () -> jobs.submitRun(smoke(null)));

        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.hint()).contains("Not retried");
        assertThat(statuses(SUBMIT)).containsExactly(JournalEntry.NO_RESPONSE);
        // The run was started all the same: this is why the engine always sends a token.
        assertThat(emulator.jobs().runs()).hasSize(1);
    }

    @Test
    void aRateLimitedSubmitWithoutATokenIsRetriedBecauseNothingHappened() throws Exception {
        emulator.faults().forPath("jobs/runs/submit").tooManyRequests(2);
        jobs.submitRun(smoke(null));
        assertThat(statuses(SUBMIT)).containsExactly(429, 200);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(emulator.jobs().runs()).hasSize(1);
    }

    @Test
    void aServerErrorOnASubmitWithoutATokenIsNotRetried() {
        emulator.faults().forPath("jobs/runs/submit").internalErrorHtml();
        DatabricksApiException e =
                catchThrowableOfType(DatabricksApiException.class, () -> jobs.submitRun(smoke(null)));
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(statuses(SUBMIT)).containsExactly(500);
    }

    @Test
    void readsAreRetriedOnGatewayErrorsAndDroppedConnections() throws Exception {
        long runId = jobs.submitRun(smoke("t-reads"));
        emulator.faults().forPath("jobs/runs/get").gatewayUnavailable();
        emulator.faults().forPath("jobs/runs/get").dropConnection();
        Run run = jobs.getRun(runId);
        assertThat(run.runId()).isEqualTo(runId);
        assertThat(statuses("/api/2.2/jobs/runs/get")).containsExactly(503, JournalEntry.NO_RESPONSE, 200);

        emulator.faults().forPath("jobs/runs/get-output").internalErrorHtml();
        jobs.getRunOutput(run.task("smoke").orElseThrow().runId());
        assertThat(statuses("/api/2.2/jobs/runs/get-output")).containsExactly(500, 200);
    }

    @Test
    void aCancelWhoseAnswerWasLostIsRetried() throws Exception {
        long runId = jobs.submitRun(smoke("t-cancel", "emulator:hang"));
        emulator.faults().forPath("jobs/runs/cancel").loseResponseAfterSuccess();

        jobs.cancelRun(runId);

        assertThat(statuses("/api/2.2/jobs/runs/cancel")).containsExactly(JournalEntry.NO_RESPONSE, 200);
        assertThat(jobs.getRun(runId).progress().termination().code()).isEqualTo(TerminationCode.USER_CANCELED);
    }

    @Test
    void aCallInterruptedWhileWaitingForAPooledConnectionEndsAsAnInterrupt() throws Exception {
        try (JobsClient oneConnection = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.none())
                .maxConnections(1)
                .build(JobsClient::new)) {
            long runId = oneConnection.submitRun(smoke("t-pool"));
            emulator.faults().forPath("jobs/runs/get").latency(Duration.ofSeconds(2));
            Thread holder = new Thread(() -> {
                try {
                    oneConnection.getRun(runId);
                } catch (java.io.IOException ignored) {
                    // only holds the one connection
                }
            });
            holder.start();
            while (emulator.faults().armed() > 0) {
                Thread.sleep(5); // until the slow call holds the connection
            }
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean flagSet = new AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    oneConnection.getRun(runId);
                } catch (Throwable t) {
                    thrown.set(t);
                    flagSet.set(Thread.currentThread().isInterrupted());
                }
            });
            waiter.start();
            Thread.sleep(200);
            waiter.interrupt();
            waiter.join(10_000);
            holder.join(10_000);

            assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
            assertThat(flagSet).isTrue();
        }
    }

    @Test
    void persistentFailureNamesTheCallAndTheAttempts() {
        emulator.faults().forPath("jobs/runs/get").always().gatewayUnavailable();
        DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, () -> jobs.getRun(1));
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.endpoint()).isEqualTo("GET /api/2.2/jobs/runs/get");
        assertThat(e.getMessage()).doesNotContain(emulator.token());
    }
}
