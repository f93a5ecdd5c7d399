package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aborts at the moments that matter, over real HTTP against the emulator: during an HTTP request that gets no answer
 * (it is cancelled, not waited out), during the rollback (a second abort), and once every smoke command passed.
 */
class AbortTest {

    @TempDir
    Path workspace;

    /** Attached, or being attached: what a cluster that keeps a working library shows for it. */
    static final LibraryClusterStatus[] ON_ITS_WAY = {
        LibraryClusterStatus.ATTACHED, LibraryClusterStatus.PENDING, LibraryClusterStatus.INSTALLING
    };

    EmulatorHarness h;
    String v1;

    @BeforeEach
    void oldVersionOnEtl() throws Exception {
        h = new EmulatorHarness(workspace);
        v1 = h.oldVersionOnEtl();
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        h.emulator.faults().clear();
        h.close();
    }

    @Test
    void anAbortCancelsTheRequestInFlightAndRollsBackWithoutWaitingForTheAnswer() throws Exception {
        AbortTiming timing = AbortTiming.measure(h, Duration.ofSeconds(30));
        assertThat(timing.outcome()).isEqualTo(Outcome.ABORTED);
        // the status poll hangs for 30 s; a rollback call after a few seconds means the request was cancelled
        assertThat(timing.interruptToFirstRollbackCall()).isLessThan(Duration.ofSeconds(10));
        assertThat(h.emulator.library(v1).status(RUNNING_1)).isIn(ON_ITS_WAY);
        assertThat(h.logText()).contains("Rollback: attached old library " + v1);
        System.out.println("Abort: interrupt to first rollback call "
                + timing.interruptToFirstRollbackCall().toMillis()
                + " ms (the request in flight was due to answer after 30 s)");
    }

    @Test
    void aSecondAbortStopsTheRollbackAndSaysWhatItLeftUndone() {
        int[] uninstalls = {0};
        DatabricksGateway via =
                GatewayHooks.before(GatewayHooks.interruptAfter(h.gateway, "install", 1), "uninstall", () -> {
                    if (++uninstalls[0]
                            == 1) { // the rollback's detach of the new version (the swap stopped before its own)
                        Thread.currentThread().interrupt();
                    }
                });
        DeployAbortedException e = catchThrowableOfType(
                DeployAbortedException.class,
                () -> h.deployer(via).deploy(h.spec("etl").build()));
        assertThat(Thread.interrupted()).isTrue();
        String newId = e.report().orElseThrow().library().id();
        assertThat(e)
                .hasMessageContaining("rollback incomplete: rollback stopped by a second abort; left undone:"
                        + " detach new library " + newId + " from etl");
        assertThat(h.logText()).contains("Rollback: attached old library " + v1);
        assertThat(e.report().orElseThrow().notes()).singleElement().asString().contains("detach new library " + newId);
        // what the log says is what the emulator shows: both versions attached, none missing
        assertThat(h.emulator.library(v1).status(RUNNING_1)).isIn(ON_ITS_WAY);
        assertThat(h.emulator.library(newId).status(RUNNING_1)).isIn(ON_ITS_WAY);
    }

    @Test
    void anAbortDuringTheCleanUpKeepsTheDeployAndNamesTheOldVersionsLeft() throws Exception {
        DatabricksGateway via = GatewayHooks.before(
                h.gateway, "delete", () -> Thread.currentThread().interrupt());
        DeployReport report =
                h.deployer(via).deploy(h.spec("etl").keepVersions(0).build());
        assertThat(Thread.interrupted()).as("the caller still sees the abort").isTrue();
        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.deletedLibraryIds()).isEmpty();
        assertThat(report.notes())
                .singleElement()
                .asString()
                .contains("clean-up incomplete")
                .contains(v1);
        assertThat(h.emulator.library(v1).deleted()).isFalse();
        assertThat(h.emulator.library(report.library().id()).status(RUNNING_1))
                .isEqualTo(LibraryClusterStatus.ATTACHED);
        assertThat(h.logText())
                .contains("Clean-up stopped by the abort (no rollback: the deploy succeeded); old versions left in"
                        + " the folder: " + v1)
                .doesNotContain("Rollback:")
                .doesNotContain("ABORTED");
        assertThat(DeployReport.fromJson(report.toJson())).isEqualTo(report);
    }

    /** How long from the interrupt to the rollback's first call, with a status poll hanging when the abort comes. */
    record AbortTiming(Duration interruptToFirstRollbackCall, Outcome outcome) {

        static AbortTiming measure(EmulatorHarness h, Duration hang) throws Exception {
            AtomicLong interruptedAt = new AtomicLong();
            AtomicLong firstRollbackCall = new AtomicLong();
            DatabricksGateway via = GatewayHooks.before(
                    GatewayHooks.before(
                            h.gateway,
                            "restart",
                            () -> h.emulator
                                    .faults()
                                    .forPath("clusters/list")
                                    .always()
                                    .latency(hang)),
                    "install",
                    () -> {
                        if (interruptedAt.get() != 0 && firstRollbackCall.get() == 0) {
                            firstRollbackCall.set(System.nanoTime());
                            h.emulator.faults().clear();
                        }
                    });
            DeployReport[] report = {null};
            Thread deploying = new Thread(() -> {
                DeployAbortedException e = catchThrowableOfType(
                        DeployAbortedException.class,
                        () -> h.deployer(via).deploy(h.spec("etl").build()));
                report[0] = e == null ? null : e.report().orElse(null);
            });
            deploying.start();
            // wait until the wait's first clusters/list is in flight (its answer is held back)
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (h.emulator.faults().armed() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            interruptedAt.set(System.nanoTime());
            deploying.interrupt();
            deploying.join(Duration.ofSeconds(60).toMillis());
            long took = firstRollbackCall.get() - interruptedAt.get();
            return new AbortTiming(Duration.ofNanos(took), report[0] == null ? null : report[0].outcome());
        }
    }
}
