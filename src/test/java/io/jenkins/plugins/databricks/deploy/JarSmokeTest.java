package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.DeployReport.SmokeReport;
import io.jenkins.plugins.databricks.deploy.cli.DemoJar;
import io.jenkins.plugins.databricks.emulator.EmulatedRun;
import io.jenkins.plugins.databricks.emulator.EmulatedTaskRun;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The jar's main class as the smoke test, one job run per running target, over real HTTP against the emulator: pass,
 * fail, timeout, cancel on abort and when another cluster fails, a submit whose answer was lost, and that the run's
 * library is the very jar the deploy installed; on each backend (the Jobs API is served beside both).
 */
@ParameterizedClass
@EnumSource(Backend.class)
class JarSmokeTest {

    @Parameter
    Backend backend;

    private static final String SUBMIT = "/api/2.2/jobs/runs/submit";

    @TempDir
    Path workspace;

    EmulatorHarness h;
    String v1;

    @BeforeEach
    void oldVersionOnBoth() throws Exception {
        h = new EmulatorHarness(workspace, backend);
        h.jar("1.0.0");
        v1 = h.deploy(h.spec("etl", "ml")).library().id();
        h.jar("1.1.0");
        h.emulator.journal().clear();
        h.log.clear();
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        h.close();
    }

    private DeploySpec.Builder smoke(String... parameters) {
        return h.spec("etl", "ml").smokeMainClass(DemoJar.SMOKE_CLASS).smokeParameters(List.of(parameters));
    }

    private DeployException failing(DeploySpec.Builder spec) {
        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(spec));
        assertThat(e).as("the deploy should fail").isNotNull();
        return e;
    }

    /** Where the cluster installs the new library from: what the run's task must name. */
    private String installedPath(DeployReport report) {
        String id = report.library().id();
        return backend == Backend.REST_1_2
                ? "dbfs:/FileStore/jars/" + h.emulator.library(id).fileName()
                : id;
    }

    private EmulatedTaskRun taskOn(String clusterId) {
        return h.emulator.jobs().runs().stream()
                .flatMap(r -> r.tasks().stream())
                .filter(t -> t.clusterId().equals(clusterId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theMainClassPassesOnEveryTargetWithTheJarTheDeployInstalled() throws Exception {
        DeployReport report = h.deploy(smoke("emulator:print=checked 3 tables", "emulator:print=smoke ok", "--quick"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.smoke()).extracting(SmokeReport::clusterId).containsExactly(RUNNING_1, RUNNING_2);
        assertThat(report.smoke()).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo("PASSED");
            assertThat(s.resultType()).isEqualTo("SUCCESS");
            assertThat(s.output()).isEqualTo("checked 3 tables\nsmoke ok");
        });
        String jarPath = installedPath(report);
        List<EmulatedRun> runs = h.emulator.jobs().runs();
        assertThat(runs).hasSize(2);
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.runName()).startsWith("Smoke test: app-1.1.0-").endsWith(".jar");
            assertThat(run.timeoutSeconds()).isEqualTo(DeploySpec.DEFAULT_SMOKE_TIMEOUT.toSeconds() + 60);
            assertThat(run.idempotencyToken()).startsWith("jenkins-smoke-").hasSizeLessThanOrEqualTo(64);
            EmulatedTaskRun task = run.tasks().get(0);
            assertThat(task.mainClass()).isEqualTo(DemoJar.SMOKE_CLASS);
            assertThat(task.parameters()).endsWith("--quick");
            assertThat(task.jars()).containsExactly(jarPath);
        });
        assertThat(runs.get(0).idempotencyToken()).isNotEqualTo(runs.get(1).idempotencyToken());
        // Referenced, never uploaded again; and the run added no second library to the clusters.
        if (backend == Backend.REST_1_2) {
            assertThat(h.emulator.journal().forEndpoint("libraries/upload")).hasSize(1);
            assertThat(h.emulator.libraries()).hasSize(2);
            assertThat(h.emulator.library(v1).status(RUNNING_1)).isNotEqualTo(LibraryClusterStatus.ATTACHED);
        } else {
            assertThat(h.emulator.files()).hasSize(2);
            assertThat(h.emulator.cluster(RUNNING_1).loadedJars()).containsExactly(jarPath);
            assertThat(h.emulator.cluster(RUNNING_2).loadedJars()).containsExactly(jarPath);
        }
        assertThat(h.logText())
                .contains("Smoke run of demo.Smoke on etl (" + RUNNING_1 + "): run ")
                .contains("Smoke run of demo.Smoke on ml (" + RUNNING_2 + ") passed in ")
                .contains(": smoke ok");
        assertThat(h.emulator.commands()).isEmpty();
    }

    @Test
    void aFailingMainClassFailsWithItsCodeMessageAndOutputAndRollsBack() {
        DeployException e = failing(
                smoke("emulator:print=checking", "emulator:throw=java.lang.IllegalStateException: no rows in t1"));

        DeployReport report = e.report().orElseThrow();
        assertThat(report.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        SmokeReport failed = report.smoke().stream()
                .filter(s -> s.status().equals("FAILED"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.resultType()).isEqualTo("RUN_EXECUTION_ERROR");
        assertThat(failed.message())
                .matches("run \\d+ ended RUN_EXECUTION_ERROR: Workload failed, see run output for details");
        assertThat(failed.output())
                .startsWith("checking\njava.lang.IllegalStateException: no rows in t1")
                .contains("at demo.Smoke.main(");
        assertThat(e).hasMessageStartingWith("Smoke run FAILED on ");
        assertThat(h.logText()).contains("  | java.lang.IllegalStateException: no rows in t1");
        if (backend == Backend.REST_1_2) {
            assertThat(h.emulator.library(v1).status(RUNNING_1)).isEqualTo(LibraryClusterStatus.ATTACHED);
        }
    }

    @Test
    void aMainClassTheJarDoesNotHoldFails() {
        DeployException e = failing(h.spec("etl").smokeMainClass("demo.NotThere"));
        SmokeReport smoke = e.report().orElseThrow().smoke().get(0);
        assertThat(smoke.status()).isEqualTo("FAILED");
        assertThat(smoke.output()).contains("java.lang.ClassNotFoundException: demo.NotThere");
    }

    @Test
    void theLogsMustMatchSmokeExpectWhenGiven() throws Exception {
        assertThat(h.deploy(h.spec("etl")
                                .smokeMainClass(DemoJar.SMOKE_CLASS)
                                .smokeParameters("emulator:print=version 1.1.0 ok")
                                .smokeExpect("1\\.1\\.0 ok"))
                        .outcome())
                .isEqualTo(Outcome.DEPLOYED);
        h.jar("1.2.0");
        DeployException e = failing(h.spec("etl")
                .smokeMainClass(DemoJar.SMOKE_CLASS)
                .smokeParameters("emulator:print=version 1.1.0 ok")
                .smokeExpect("1\\.2\\.0 ok"));
        assertThat(e.report().orElseThrow().smoke().get(0).message())
                .contains("do not match smokeExpect /1\\.2\\.0 ok/");
    }

    @Test
    void aTimeoutCancelsTheRun() {
        DeployException e = failing(h.spec("etl")
                .smokeMainClass(DemoJar.SMOKE_CLASS)
                .smokeParameters("emulator:hang")
                .smokeTimeoutSeconds(30));

        SmokeReport smoke = e.report().orElseThrow().smoke().get(0);
        assertThat(smoke.status()).isEqualTo("TIMED_OUT");
        assertThat(smoke.message()).matches("no result within smokeTimeout 30.0 s; run \\d+ cancelled");
        EmulatedTaskRun task = taskOn(RUNNING_1);
        assertThat(task.cancelRequested()).isTrue();
        assertThat(task.termination().code()).isEqualTo("USER_CANCELED");
        assertThat(h.emulator.jobs().runs().get(0).timeoutSeconds())
                .as("a backstop after ours")
                .isEqualTo(90);
        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.ROLLED_BACK);
    }

    @Test
    void aFailureOnOneClusterCancelsTheRunOnTheOther() {
        // Once one run is submitted, time stands still until the other is too: etl cannot fail before ml's run exists.
        h.beforeSleep = () -> {
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (h.emulator.jobs().runs().size() == 1 && System.nanoTime() < until) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        };
        DeployException e = failing(
                smoke("emulator:hang", "emulator:@" + RUNNING_1 + ":throw=java.lang.AssertionError: etl is broken"));

        List<SmokeReport> smoke = e.report().orElseThrow().smoke();
        assertThat(smoke).extracting(SmokeReport::status).containsExactly("FAILED", "CANCELLED");
        assertThat(smoke.get(1).message())
                .startsWith("stopped because the smoke run FAILED on etl (" + RUNNING_1 + ")")
                .endsWith(" cancelled");
        assertThat(taskOn(RUNNING_2).cancelRequested()).isTrue();
        assertThat(taskOn(RUNNING_2).termination().code()).isEqualTo("USER_CANCELED");
        assertThat(e).hasMessageStartingWith("Smoke run FAILED on etl");
    }

    @Test
    void anAbortCancelsEveryRun() {
        Thread deploying = Thread.currentThread();
        AtomicBoolean once = new AtomicBoolean();
        h.beforeSleep = () -> {
            if (h.emulator.jobs().runs().size() == 2
                    && h.emulator.jobs().runs().stream()
                            .allMatch(r -> r.lifecycle().equals("RUNNING"))
                    && once.compareAndSet(false, true)) {
                deploying.interrupt(); // a Jenkins abort while both runs run
            }
        };
        DeployAbortedException e =
                catchThrowableOfType(DeployAbortedException.class, () -> h.deploy(smoke("emulator:hang")));

        assertThat(Thread.interrupted())
                .as("the interrupt flag stays set for the caller")
                .isTrue();
        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(e.report().orElseThrow().smoke())
                .extracting(SmokeReport::status)
                .containsOnly("ABORTED");
        assertThat(h.emulator.jobs().runs())
                .allSatisfy(r -> assertThat(r.tasks().get(0).cancelRequested()).isTrue());
        assertThat(h.logText()).contains("Cancelled smoke run ");
    }

    @Test
    void aSubmitWhoseAnswerWasLostStartsNoSecondRun() throws Exception {
        h.emulator.faults().forPath("jobs/runs/submit").loseResponseAfterSuccess();

        DeployReport report = h.deploy(h.spec("etl").smokeMainClass(DemoJar.SMOKE_CLASS));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.emulator.journal().forEndpoint(SUBMIT))
                .extracting(JournalEntry::status)
                .containsExactly(JournalEntry.NO_RESPONSE, 200);
        assertThat(h.emulator.jobs().runs()).hasSize(1);
        assertThat(h.logText()).contains("POST " + SUBMIT + " failed (attempt 1:");
    }

    @Test
    void theDryRunPlanNamesTheMainClassButNotItsParameters() throws Exception {
        h.deploy(smoke("--password=hunter2").dryRun(true));
        assertThat(h.logText())
                .contains("smoke run of demo.Smoke with 1 parameter (a one-time job run, timeout 10 min 00 s)")
                .doesNotContain("hunter2");
        assertThat(h.emulator.jobs().runs()).isEmpty();
    }
}
