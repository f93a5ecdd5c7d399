package io.jenkins.plugins.databricks.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedRun;
import io.jenkins.plugins.databricks.emulator.JarBytes;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every Jobs runs call through real HTTP against the emulator, and the run's life on the emulator's clock: pending
 * while its library installs, running, terminating, terminated; how it ends (success, a failing main class, a class
 * the jar lacks, a jar nobody stored, a cancel, a time limit, a cluster that goes away).
 */
class JobsClientTest {

    private static final String CLUSTER = "0101-000000-run1";
    private static final String STOPPED = "0101-000000-off2";
    private static final String MAIN = "com.acme.Smoke";

    private DatabricksEmulator emulator;
    private ManualClock time;
    private JobsClient jobs;
    private Rest12Client rest12;
    private String jarUri;
    private String libraryId;

    @BeforeEach
    void start() throws Exception {
        emulator = DatabricksEmulator.start();
        time = new ManualClock();
        emulator.settings().clock(time);
        emulator.addCluster(CLUSTER, "etl", ClusterState.RUNNING);
        emulator.addCluster(STOPPED, "adhoc", ClusterState.TERMINATED);
        emulator.jobs()
                .setupDuration(Duration.ofSeconds(2))
                .runDuration(Duration.ofSeconds(10))
                .terminatingDuration(Duration.ofSeconds(1));
        jobs = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.none())
                .build(JobsClient::new);
        rest12 = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.none())
                .build(Rest12Client::new);
        libraryId = rest12.uploadLibrary(LibraryUpload.jar(
                "/libs", "app-1.0.jar", UploadSource.of("app-1.0.jar", JarBytes.withClasses(MAIN, "com.acme.Util"))));
        jarUri = "dbfs:/FileStore/jars/"
                + rest12.libraryStatus(libraryId).files().get(0);
    }

    @AfterEach
    void stop() {
        jobs.close();
        rest12.close();
        emulator.close();
    }

    private RunSubmission smoke(String token, String mainClass, String... parameters) {
        return RunSubmission.of(
                "jenkins-smoke-#42",
                token,
                Duration.ofMinutes(15),
                new SparkJarTask("smoke", CLUSTER, mainClass, List.of(parameters), List.of(jarUri)));
    }

    private Run finish(long runId) throws Exception {
        for (int i = 0; i < 100; i++) {
            Run run = jobs.getRun(runId);
            if (run.progress().finished()) {
                return run;
            }
            time.advance(Duration.ofSeconds(1));
        }
        throw new AssertionError("run " + runId + " did not finish");
    }

    private long taskRunId(Run run) {
        return run.task("smoke").orElseThrow().runId();
    }

    @Test
    void submitsTheJarTaskWithEveryField() throws Exception {
        long runId = jobs.submitRun(smoke("deploy-42-c1", MAIN, "--mode", "quick"));

        JournalEntry submit = emulator.journal().last();
        assertThat(submit.call()).isEqualTo("POST /api/2.2/jobs/runs/submit");
        assertThat(submit.param("run_name")).isEqualTo("jenkins-smoke-#42");
        // The journal leaves out every parameter named like a secret, the idempotency token too; the run keeps it.
        assertThat(emulator.jobs().run(runId).idempotencyToken()).isEqualTo("deploy-42-c1");
        assertThat(submit.param("timeout_seconds")).isEqualTo("900");
        JsonNode task = HttpTransport.MAPPER.readTree(submit.param("tasks")).get(0);
        assertThat(task.get("task_key").asText()).isEqualTo("smoke");
        assertThat(task.get("existing_cluster_id").asText()).isEqualTo(CLUSTER);
        assertThat(task.at("/spark_jar_task/main_class_name").asText()).isEqualTo(MAIN);
        assertThat(task.at("/spark_jar_task/parameters").toString()).isEqualTo("[\"--mode\",\"quick\"]");
        assertThat(task.at("/libraries/0/jar").asText()).isEqualTo(jarUri);

        EmulatedRun emulated = emulator.jobs().run(runId);
        assertThat(emulated.tasks()).singleElement().satisfies(t -> {
            assertThat(t.mainClass()).isEqualTo(MAIN);
            assertThat(t.parameters()).containsExactly("--mode", "quick");
            assertThat(t.jars()).containsExactly(jarUri);
        });
    }

    @Test
    void aRunIsPendingThenRunningThenTerminatingThenTerminatedOnTheClock() throws Exception {
        emulator.settings().attachDelay(Duration.ofSeconds(3));
        long runId = jobs.submitRun(smoke("t1", MAIN, "emulator:print=smoke ok"));

        Run run = jobs.getRun(runId);
        assertThat(run.runId()).isEqualTo(runId);
        assertThat(run.runName()).isEqualTo("jenkins-smoke-#42");
        assertThat(run.runPageUrl()).startsWith(emulator.url()).endsWith("/run/" + runId);
        assertThat(run.progress().lifecycle()).isEqualTo(RunLifecycleState.PENDING);
        assertThat(run.progress().termination()).isNull();
        assertThat(run.state().stateMessage()).isEmpty();
        RunTask task = run.task("smoke").orElseThrow();
        assertThat(task.runId()).isNotEqualTo(runId);
        assertThat(task.existingClusterId()).isEqualTo(CLUSTER);
        assertThat(task.state().stateMessage()).isEqualTo("Installing libraries");

        time.advance(Duration.ofSeconds(3)); // library installed, setting up (2 s)
        assertThat(jobs.getRun(runId).progress().lifecycle()).isEqualTo(RunLifecycleState.PENDING);
        time.advance(Duration.ofSeconds(2));
        assertThat(jobs.getRun(runId).progress().lifecycle()).isEqualTo(RunLifecycleState.RUNNING);
        time.advance(Duration.ofSeconds(9));
        assertThat(jobs.getRun(runId).progress().lifecycle()).isEqualTo(RunLifecycleState.RUNNING);
        time.advance(Duration.ofSeconds(1));
        Run terminating = jobs.getRun(runId);
        assertThat(terminating.progress().lifecycle()).isEqualTo(RunLifecycleState.TERMINATING);
        assertThat(terminating.progress().termination().code()).isEqualTo(TerminationCode.SUCCESS);
        assertThat(terminating.progress().finished()).isFalse();
        time.advance(Duration.ofSeconds(1));

        Run done = jobs.getRun(runId);
        assertThat(done.progress().lifecycle()).isEqualTo(RunLifecycleState.TERMINATED);
        assertThat(done.progress().succeeded()).isTrue();
        assertThat(done.progress().termination().type()).isEqualTo(TerminationType.SUCCESS);
        assertThat(done.state().lifeCycleState()).isEqualTo(RunLifecycleState.TERMINATED);
        assertThat(done.state().resultState()).isEqualTo(RunResultState.SUCCESS);
        assertThat(done.task("smoke").orElseThrow().progress().succeeded()).isTrue();

        RunOutput output = jobs.getRunOutput(taskRunId(done));
        assertThat(output.logs()).isEqualTo("smoke ok\n");
        assertThat(output.logsTruncated()).isFalse();
        assertThat(output.error()).isNull();
        assertThat(emulator.journal().last().call()).isEqualTo("GET /api/2.2/jobs/runs/get-output");
        assertThat(emulator.journal().last().param("run_id")).isEqualTo(Long.toString(taskRunId(done)));
    }

    @Test
    void theTaskLibraryIsInstalledOnTheClusterForEveryone() throws Exception {
        assertThat(emulator.library(libraryId).status(CLUSTER).name()).isEqualTo("DETACHED");
        finish(jobs.submitRun(smoke("t-lib", MAIN)));
        assertThat(emulator.library(libraryId).status(CLUSTER).name()).isEqualTo("ATTACHED");
    }

    @Test
    void theSameTokenReturnsTheSameRun() throws Exception {
        long first = jobs.submitRun(smoke("deploy-42-c1", MAIN));
        long second = jobs.submitRun(smoke("deploy-42-c1", MAIN, "other", "body"));
        long third = jobs.submitRun(smoke("deploy-42-c2", MAIN));

        assertThat(second).isEqualTo(first);
        assertThat(third).isNotEqualTo(first);
        assertThat(emulator.jobs().runs()).extracting(EmulatedRun::runId).containsExactly(first, third);
        assertThat(emulator.journal().mutations())
                .extracting(JournalEntry::call)
                .containsExactly(
                        "POST libraries/upload", "POST /api/2.2/jobs/runs/submit", "POST /api/2.2/jobs/runs/submit");
    }

    @Test
    void aFailingMainClassEndsWithItsErrorAndTrace() throws Exception {
        Run run = finish(jobs.submitRun(smoke(
                "t-throw",
                MAIN,
                "emulator:print=starting",
                "emulator:throw=java.lang.IllegalStateException: table smoke_check is empty")));

        assertThat(run.progress().succeeded()).isFalse();
        TerminationDetails end = run.progress().termination();
        assertThat(end.code()).isEqualTo(TerminationCode.RUN_EXECUTION_ERROR);
        assertThat(end.type()).isEqualTo(TerminationType.CLIENT_ERROR);
        assertThat(end.describe()).isEqualTo("RUN_EXECUTION_ERROR: Workload failed, see run output for details");
        assertThat(run.state().resultState()).isEqualTo(RunResultState.FAILED);
        RunOutput output = jobs.getRunOutput(taskRunId(run));
        assertThat(output.logs()).isEqualTo("starting\n");
        assertThat(output.error()).isEqualTo("java.lang.IllegalStateException: table smoke_check is empty");
        assertThat(output.errorTrace()).contains("at com.acme.Smoke.main(Smoke.java");
    }

    @Test
    void aMainClassTheJarDoesNotHoldFailsLikeOnARealCluster() throws Exception {
        Run run = finish(jobs.submitRun(smoke("t-missing", "com.acme.Missing")));

        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.RUN_EXECUTION_ERROR);
        RunOutput output = jobs.getRunOutput(taskRunId(run));
        assertThat(output.error()).isEqualTo("java.lang.ClassNotFoundException: com.acme.Missing");
        assertThat(output.errorTrace()).contains("ClassNotFoundException");
    }

    @Test
    void bytesThatAreNotAJarHoldNoClasses() throws Exception {
        String id = rest12.uploadLibrary(LibraryUpload.jar(
                "/libs", "notajar.jar", UploadSource.of("notajar.jar", "com/acme/Smoke.class".getBytes())));
        String uri = "dbfs:/FileStore/jars/" + rest12.libraryStatus(id).files().get(0);
        Run run = finish(jobs.submitRun(RunSubmission.of(
                "smoke",
                "t-notajar",
                Duration.ZERO,
                new SparkJarTask("smoke", CLUSTER, MAIN, List.of(), List.of(uri)))));

        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.RUN_EXECUTION_ERROR);
    }

    @Test
    void aJarNoStoreHoldsFailsTheLibraryInstallation() throws Exception {
        String missing = "dbfs:/FileStore/jars/0000-nothing.jar";
        Run run = finish(jobs.submitRun(RunSubmission.of(
                "smoke",
                "t-nojar",
                Duration.ZERO,
                new SparkJarTask("smoke", CLUSTER, MAIN, List.of(), List.of(missing)))));

        TerminationDetails end = run.progress().termination();
        assertThat(end.code()).isEqualTo(TerminationCode.LIBRARY_INSTALLATION_ERROR);
        assertThat(end.message()).contains(missing);
    }

    @Test
    void cancelEndsTheRunUserCanceledAndIsHarmlessToRepeat() throws Exception {
        long runId = jobs.submitRun(smoke("t-cancel", MAIN, "emulator:hang"));
        time.advance(Duration.ofSeconds(5));
        assertThat(jobs.getRun(runId).progress().lifecycle()).isEqualTo(RunLifecycleState.RUNNING);

        jobs.cancelRun(runId);
        assertThat(emulator.journal().last().param("run_id")).isEqualTo(Long.toString(runId));
        assertThat(emulator.journal().last().mutation()).isTrue();
        assertThat(jobs.getRun(runId).progress().lifecycle()).isEqualTo(RunLifecycleState.TERMINATING);
        time.advance(Duration.ofSeconds(1));
        Run run = jobs.getRun(runId);
        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.USER_CANCELED);
        assertThat(run.state().resultState()).isEqualTo(RunResultState.CANCELED);
        assertThat(run.state().userCancelledOrTimedout()).isTrue();
        assertThat(emulator.jobs().run(runId).tasks().get(0).cancelRequested()).isTrue();

        jobs.cancelRun(runId);
        assertThat(emulator.journal().last().mutation()).isFalse();
        assertThat(jobs.getRun(runId).progress().termination().code()).isEqualTo(TerminationCode.USER_CANCELED);
    }

    @Test
    void theServiceSideTimeLimitEndsAHangingRun() throws Exception {
        Run run = finish(jobs.submitRun(RunSubmission.of(
                "smoke",
                "t-timeout",
                Duration.ofMillis(4500),
                new SparkJarTask("smoke", CLUSTER, MAIN, List.of("emulator:hang"), List.of(jarUri)))));

        assertThat(emulator.journal()
                        .forEndpoint("/api/2.2/jobs/runs/submit")
                        .get(0)
                        .param("timeout_seconds"))
                .isEqualTo("5");
        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.CANCELED);
        assertThat(run.progress().termination().message()).contains("timed out");
        assertThat(run.state().resultState()).isEqualTo(RunResultState.TIMEDOUT);
    }

    @Test
    void aClusterRestartedUnderTheRunEndsIt() throws Exception {
        long runId = jobs.submitRun(smoke("t-restart", MAIN, "emulator:hang"));
        time.advance(Duration.ofSeconds(3));
        rest12.restartCluster(CLUSTER);
        Run run = finish(runId);

        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.CLUSTER_TERMINATED_BY_USER);
    }

    @Test
    void aTerminatedClusterIsStartedForTheRun() throws Exception {
        emulator.settings().startDuration(Duration.ofSeconds(30));
        long runId = jobs.submitRun(RunSubmission.of(
                "smoke",
                "t-start",
                Duration.ZERO,
                new SparkJarTask("smoke", STOPPED, MAIN, List.of(), List.of(jarUri))));

        Run waiting = jobs.getRun(runId);
        assertThat(waiting.progress().lifecycle()).isEqualTo(RunLifecycleState.PENDING);
        assertThat(waiting.task("smoke").orElseThrow().state().stateMessage()).contains("Waiting for cluster");
        assertThat(emulator.cluster(STOPPED).state()).isEqualTo(ClusterState.PENDING);
        assertThat(finish(runId).progress().succeeded()).isTrue();
        assertThat(emulator.cluster(STOPPED).state()).isEqualTo(ClusterState.RUNNING);
    }

    @Test
    void aClusterInErrorFailsTheRun() throws Exception {
        emulator.cluster(CLUSTER).forceState(ClusterState.ERROR);
        Run run = finish(jobs.submitRun(smoke("t-error", MAIN)));
        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.CLUSTER_ERROR);
        assertThat(run.progress().termination().type()).isEqualTo(TerminationType.INTERNAL_ERROR);
    }

    @Test
    void anUnknownClusterIsRefusedAtSubmit() {
        DatabricksApiException e = catchThrowableOfType(
                DatabricksApiException.class,
                () -> jobs.submitRun(RunSubmission.of(
                        "smoke",
                        "t-nocluster",
                        Duration.ZERO,
                        new SparkJarTask("smoke", "0000-nope", MAIN, List.of(), List.of(jarUri)))));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(e.serverMessage()).contains("0000-nope");
        assertThat(emulator.jobs().runs()).isEmpty();
    }

    @Test
    void outputIsPerTaskRunAndUnknownRunsAreRefused() throws Exception {
        long runId = jobs.submitRun(smoke("t-out", MAIN));
        DatabricksApiException parent =
                catchThrowableOfType(DatabricksApiException.class, () -> jobs.getRunOutput(runId));
        assertThat(parent.statusCode()).isEqualTo(400);
        assertThat(parent.serverMessage()).contains("individual task run");

        DatabricksApiException unknown = catchThrowableOfType(DatabricksApiException.class, () -> jobs.getRun(42));
        assertThat(unknown.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(unknown.serverMessage()).contains("42");
        assertThatThrownBy(() -> jobs.cancelRun(42)).isInstanceOf(DatabricksApiException.class);
    }

    @Test
    void theOutputKeepsTheTailOfLongLogs() throws Exception {
        emulator.jobs().logLimit(100);
        Run run = finish(jobs.submitRun(smoke("t-long", MAIN, "emulator:print-lines=50")));
        RunOutput output = jobs.getRunOutput(taskRunId(run));
        assertThat(output.logsTruncated()).isTrue();
        assertThat(output.logs()).hasSize(100).endsWith("line 50 of 50\n");
    }

    @Test
    void aCodeThisClientDoesNotKnowIsAFailureThatKeepsTheServersWord() throws Exception {
        Run run = finish(jobs.submitRun(smoke("t-new", MAIN, "emulator:terminate=PARTIAL_SUCCESS: half of it ran")));
        TerminationDetails end = run.progress().termination();
        assertThat(end.code()).isEqualTo(TerminationCode.UNKNOWN);
        assertThat(end.codeWord()).isEqualTo("PARTIAL_SUCCESS");
        assertThat(end.describe()).isEqualTo("PARTIAL_SUCCESS: half of it ran");
        assertThat(run.progress().succeeded()).isFalse();
    }

    @Test
    void badSubmissionsFailBeforeAnyCallNamingTheField() {
        assertThatThrownBy(() -> smoke("x".repeat(65), MAIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idempotency token")
                .hasMessageContaining("64");
        assertThatThrownBy(() -> smoke("t", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("main class");
        assertThatThrownBy(() -> new SparkJarTask("smoke test", CLUSTER, MAIN, List.of(), List.of()))
                .hasMessageContaining("task key");
        assertThat(emulator.journal().forEndpoint("/api/2.2/jobs/runs/submit")).isEmpty();
    }
}
