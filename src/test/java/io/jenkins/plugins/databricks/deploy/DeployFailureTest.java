package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.DeployReport.SmokeReport;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every failure path over real HTTP against the emulator, on each backend: what is rolled back, cancelled, destroyed
 * and reported.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class DeployFailureTest {

    @Parameter
    Backend backend;

    @TempDir
    Path workspace;

    EmulatorHarness h;
    String v1;

    @BeforeEach
    void oldVersionOnEtl() throws Exception {
        h = new EmulatorHarness(workspace, backend);
        v1 = h.oldVersionOnEtl();
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        h.close();
    }

    private DeployException failing(DeploySpec.Builder spec) {
        return catchThrowableOfType(DeployException.class, () -> h.deploy(spec));
    }

    private DeployAbortedException aborted(DatabricksGateway via, DeploySpec.Builder spec) {
        DeployAbortedException e = catchThrowableOfType(
                DeployAbortedException.class, () -> h.deployer(via).deploy(spec.build()));
        assertThat(Thread.interrupted())
                .as("the interrupt flag stays set for the caller")
                .isTrue();
        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.ABORTED);
        return e;
    }

    /** A restarting cluster: 1.2 shows it as Pending, 2.x as RESTARTING. */
    private String restartingWord() {
        return backend == Backend.REST_1_2 ? "Pending" : "RESTARTING";
    }

    /** A restarting cluster and its awaited library, as a wait's "last seen" shows them. */
    private String seenRestarting() {
        return restartingWord() + "/" + h.word("Pending");
    }

    private String newId(DeployException e) {
        return e.report().orElseThrow().library().id();
    }

    private void assertRolledBack(DeployException e) {
        DeployReport report = e.report().orElseThrow();
        assertThat(report.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.statusOn(newId(e), RUNNING_1)).isEqualTo("ABSENT");
        assertThat(report.clusters()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(h.word("Running"));
            assertThat(c.libraryStatus()).isEqualTo(h.word("Detached"));
            assertThat(c.note()).isEqualTo("rolled back to " + v1);
        });
        assertThat(h.logText()).contains("Rollback: attached old library " + v1 + " to etl (" + RUNNING_1 + ")");
        assertThat(h.logText())
                .contains("[databricks] Cluster etl (" + RUNNING_1 + "): " + h.word("Running") + ", new library "
                        + h.word("Detached"));
    }

    @Test
    void aSmokeErrorResultRollsBackAndRestartsSoTheOldClassesLoad() {
        DeployException e = failing(h.spec("etl")
                .keepVersions(0)
                .smokeCommand("// emulator: error=java.lang.NoClassDefFoundError: com/acme/Job"));

        assertRolledBack(e);
        assertThat(!h.stored(v1)).as("the rollback target is never deleted").isFalse();
        assertThat(e.report().orElseThrow().deletedLibraryIds()).isEmpty();
        assertThat(e)
                .hasMessageStartingWith("Smoke command FAILED on etl (" + RUNNING_1 + "): the command failed:")
                .hasMessageContaining("NoClassDefFoundError")
                .hasMessageEndingWith("— rolled back to the old version");
        SmokeReport smoke = e.report().orElseThrow().smoke().get(0);
        assertThat(smoke.resultType()).isEqualTo("error");
        assertThat(smoke.output()).contains("com/acme/Job");
        assertThat(h.emulator.cluster(RUNNING_1).restartCount()).isEqualTo(2); // the swap, then the rollback
        assertThat(h.mutations())
                .containsSubsequence(
                        "install",
                        "uninstall",
                        "restart",
                        "POST contexts/create",
                        "POST commands/execute",
                        "POST contexts/destroy",
                        "install",
                        "uninstall",
                        "restart");
        assertThat(h.emulator.contexts())
                .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
        assertThat(h.logText())
                .as("the rollback is reported once seen, not once the calls were made")
                .contains("[databricks] Rollback confirmed: etl (" + RUNNING_1 + ") is Running with library " + v1 + " "
                        + h.word("Attached") + " (");
        assertThat(h.log.indexOf(h.log.stream()
                        .filter(l -> l.contains("Rollback confirmed"))
                        .findFirst()
                        .orElseThrow()))
                .isGreaterThan(h.log.indexOf(h.log.stream()
                        .filter(l -> l.contains("Rollback: restarting etl"))
                        .findFirst()
                        .orElseThrow()));
    }

    @Test
    void aRollbackNotSeenBackWithinTheWaitTimeoutIsReportedAsIncompleteWithWhatWasSeen() {
        int[] restarts = {0};
        DatabricksGateway slowSecondRestart = GatewayHooks.before(h.gateway, "restart", () -> {
            if (++restarts[0] == 2) { // the rollback's restart takes longer than waitTimeout
                h.emulator.settings().restartDuration(Duration.ofMinutes(30));
            }
        });
        DeployException e = catchThrowableOfType(
                DeployException.class,
                () -> h.deployer(slowSecondRestart)
                        .deploy(h.spec("etl")
                                .waitTimeoutSeconds(300)
                                .smokeCommand("// emulator: error=Boom: no")
                                .build()));

        DeployReport report = e.report().orElseThrow();
        assertThat(report.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(e)
                .hasMessageContaining("— rollback incomplete: waitTimeout: timed out after 5 min 00 s waiting for"
                        + " clusters etl to be Running with the old version installed again after the rollback;"
                        + " last seen: etl " + seenRestarting());
        assertThat(report.clusters())
                .singleElement()
                .satisfies(c -> assertThat(c.note())
                        .startsWith("rollback incomplete: old version not seen back: waitTimeout: "));
        assertThat(h.logText()).doesNotContain("Rollback confirmed").doesNotContain("rolled back to");
        // the calls were made all the same: once up, etl runs the old version
        h.clock.advance(Duration.ofMinutes(30));
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.statusOn(newId(e), RUNNING_1)).isEqualTo("ABSENT");
    }

    /**
     * A backend that reports an install as FAILED (REST 2.x does, with messages; 1.2 has no such word): the wait ends
     * at once with the server's messages, and the deploy rolls back.
     */
    @Test
    void aLibraryThatFailsToInstallEndsTheWaitWithTheServersMessagesAndRollsBack() {
        String why = "Library installation failed: java.lang.SecurityException: jar not allowlisted";
        DatabricksGateway failing = GatewayHooks.changing(h.gateway, "statuses", answer -> {
            @SuppressWarnings("unchecked")
            List<LibraryState> states = (List<LibraryState>) answer;
            return states.stream()
                    .map(s -> s.library().id().equals(v1) || !s.statuses().containsKey(RUNNING_1)
                            ? s
                            : new LibraryState(
                                    s.library(),
                                    false,
                                    Map.of(
                                            RUNNING_1,
                                            new InstallStatus(InstallStatus.Phase.FAILED, "FAILED", List.of(why)))))
                    .toList();
        });
        Instant before = h.clock.instant();

        DeployException e = catchThrowableOfType(
                DeployException.class,
                () -> h.deployer(failing).deploy(h.spec("etl").build()));

        assertThat(e)
                .hasMessageStartingWith("Library " + backend.folder() + "/app-1.1.0-")
                .hasMessageContaining(" failed to install on etl (" + RUNNING_1 + "): FAILED (" + why + ")")
                .hasMessageEndingWith("— rolled back to the old version");
        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(Duration.between(before, h.clock.instant()))
                .as("no waiting out waitTimeout")
                .isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void aRollbackWithoutRestartSaysTheNewClassesStayLoadedUntilTheClusterRestarts() {
        DeployException e = failing(h.spec("etl").restart("NEVER").smokeCommand("// emulator: error=Boom: no"));

        DeployReport report = e.report().orElseThrow();
        assertThat(report.outcome()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.emulator.cluster(RUNNING_1).restartCount()).isZero();
        assertThat(report.clusters())
                .singleElement()
                .satisfies(c -> assertThat(c.note())
                        .isEqualTo("rolled back to " + v1 + "; the new version stays loaded (" + c.libraryStatus()
                                + ") until the cluster restarts"));
        assertThat(h.logText()).contains("the new version stays loaded (");
    }

    @Test
    void aCancelledSmokeCommandIsAFailure() {
        h.beforeSleep = () -> h.emulator.commands().stream()
                .filter(c -> !c.cancelRequested())
                .forEach(c -> {
                    try { // someone cancels it in the Databricks UI
                        h.client.cancelCommand(c.clusterId(), c.contextId(), c.id());
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                });
        DeployException e = failing(h.spec("etl").smokeCommand("// emulator: hang"));
        assertRolledBack(e);
        assertThat(e.report().orElseThrow().smoke().get(0).status()).isEqualTo("CANCELLED");
        assertThat(e).hasMessageStartingWith("Smoke command CANCELLED on etl");
    }

    @Test
    void aSmokeTimeoutCancelsTheCommandAndDestroysTheContext() {
        DeployException e =
                failing(h.spec("etl").smokeCommand("// emulator: hang").smokeTimeoutSeconds(30));
        assertRolledBack(e);
        SmokeReport smoke = e.report().orElseThrow().smoke().get(0);
        assertThat(smoke.status()).isEqualTo("TIMED_OUT");
        assertThat(smoke.message()).startsWith("no result within smokeTimeout 30.0 s; command ");
        assertThat(h.mutations()).contains("POST commands/cancel", "POST contexts/destroy");
        assertThat(h.emulator.commands().get(0).cancelRequested()).isTrue();
        assertThat(h.emulator.contexts())
                .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
    }

    @Test
    void aPlatformErrorAndAnUnexpectedOutputAreFailures() throws IOException {
        DeployException platform = failing(h.spec("etl").smokeCommand("// emulator: platform-error=driver lost"));
        assertThat(platform.report().orElseThrow().smoke().get(0).message())
                .isEqualTo("Databricks could not run the command (status Error)");
        assertRolledBack(platform);

        h.jar("1.2.0");
        DeployException mismatch = failing(
                h.spec("etl").smokeCommand("// emulator: print=version 0.9").smokeExpect("version 1\\."));
        assertThat(mismatch.report().orElseThrow().smoke().get(0).message())
                .isEqualTo("the output does not match smokeExpect /version 1\\./");
        assertThat(mismatch.report().orElseThrow().smoke().get(0).output()).isEqualTo("version 0.9");
    }

    @Test
    void withRollbackOffTheNewVersionStaysAndTheReportSaysFailed() {
        DeployException e = failing(h.spec("etl").rollback(false).smokeCommand("// emulator: error=Boom: x"));
        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(h.statusOn(newId(e), RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.logText()).contains("Rollback is off: the new library stays attached");
    }

    @Test
    void aWaitTimeoutFailsWithWhatWasSeenAndRollsBack() {
        h.emulator.settings().restartDuration(Duration.ofMinutes(30));
        DeployException e = failing(h.spec("etl").waitTimeoutSeconds(120));
        assertThat(e)
                .hasMessageStartingWith("waitTimeout: timed out after 2 min 00 s waiting for clusters etl to be"
                        + " Running with library ");
        assertThat(e)
                .hasMessageContaining(
                        "last seen: etl " + seenRestarting() + ", ml " + h.word("Running") + "/" + h.word("Detached"));
        assertThat(e.report().orElseThrow().outcome()).isIn(Outcome.ROLLED_BACK, Outcome.FAILED);
        assertThat(h.statusOn(v1, RUNNING_1)).isNotEqualTo("ABSENT");
    }

    @Test
    void aClusterThatGoesDownWhileWaitingFailsAtOnce() {
        h.emulator.settings().restartDuration(Duration.ofMinutes(5));
        h.beforeSleep = () -> h.emulator.cluster(RUNNING_1).forceState(ClusterState.ERROR);
        DeployException e = failing(h.spec("etl").waitTimeoutSeconds(3600));
        assertThat(e)
                .hasMessageStartingWith(
                        "Cluster etl (" + RUNNING_1 + ") is " + h.word("Error") + " instead of coming up Running");
        // 1.2 restarts a cluster in Error and then sees it there; 2.x refuses the restart (INVALID_STATE) at once
        assertThat(e)
                .hasMessageContaining(
                        backend == Backend.REST_1_2
                                ? "rollback incomplete: Cluster etl (" + RUNNING_1 + ") is Error"
                                : "rollback incomplete: restart " + RUNNING_1 + ": POST /api/2.1/clusters/restart"
                                        + " failed: HTTP 400 INVALID_STATE");
        assertThat(h.clock.instant()).isBefore(Instant.parse("2024-01-01T00:10:00Z")); // no waiting out the hour
    }

    @Test
    void aNameConflictDuringTheUploadReusesTheIdenticalJar() throws Exception {
        String name = h.deployer().plan(h.spec("etl").build()).libraryName();
        DatabricksGateway racing = GatewayHooks.before(h.gateway, "store", () -> {
            try { // another build stores the same jar under the same name first
                backend.storeAsAnotherParty(
                        h.transport, name, UploadSource.of(workspace.resolve("target/app-1.1.0.jar")));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        DeployReport report = h.deployer(racing).deploy(h.spec("etl").build());
        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.library().reused()).isTrue();
        assertThat(h.logText()).contains("it appeared in " + backend.folder() + " during the deploy");
    }

    @Test
    void interruptedAfterTheUploadNothingIsAttached() {
        DeployAbortedException e = aborted(GatewayHooks.interruptAfter(h.gateway, "store", 1), h.spec("etl"));
        assertThat(h.mutations()).containsExactly("upload");
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(e.report().orElseThrow().clusters().get(0).libraryStatus()).isEqualTo(h.word("Detached"));
    }

    @Test
    void interruptedDuringTheSwapTheNewAttachIsUndone() {
        DeployAbortedException e = aborted(GatewayHooks.interruptAfter(h.gateway, "install", 1), h.spec("etl", "ml"));
        assertThat(h.mutations()).containsExactly("upload", "install", "uninstall");
        // on 1.2 the new jar had loaded live next to the old one, and leaves at the next restart; on 2.x the
        // interrupt came while it was still installing, so the uninstall took it off at once
        assertThat(h.statusOn(newId(e), RUNNING_1))
                .isEqualTo(backend == Backend.REST_1_2 ? "REMOVED_AT_RESTART" : "ABSENT");
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(e).hasMessageContaining("the old version is attached again");
    }

    @Test
    void interruptedWhileWaitingStopsAtOnceAndPutsTheOldVersionBack() {
        h.emulator.settings().restartDuration(Duration.ofMinutes(10));
        int[] sleeps = {0};
        h.beforeSleep = () -> {
            if (++sleeps[0] == 3) {
                Thread.currentThread().interrupt();
            }
        };
        DeployAbortedException e = aborted(h.gateway, h.spec("etl"));
        assertThat(h.emulator.cluster(RUNNING_1).restartCount()).isEqualTo(1); // no second restart on abort
        assertThat(e.report().orElseThrow().clusters().get(0).state()).isEqualTo(restartingWord());
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("PENDING");
        assertThat(h.logText()).contains("[databricks] ABORTED: interrupted");
    }

    @Test
    void interruptedDuringTheSmokeCommandCancelsItAndDestroysTheContext() {
        Thread deploying = Thread.currentThread(); // the smoke command polls on a thread of its own
        h.beforeSleep = () -> {
            if (!h.emulator.commands().isEmpty()) {
                deploying.interrupt();
            }
        };
        DeployAbortedException e = aborted(h.gateway, h.spec("etl").smokeCommand("// emulator: hang"));
        assertThat(h.emulator.commands().get(0).cancelRequested()).isTrue();
        assertThat(h.emulator.contexts())
                .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
        assertThat(e.report().orElseThrow().smoke().get(0).status()).isEqualTo("ABORTED");
        assertThat(e).hasMessageStartingWith("interrupted");
        assertThat(h.logText()).contains("Cancelled smoke command ").contains("Destroyed execution context ");
    }

    @Test
    void interruptedDuringPreFlightChangesNothing() {
        DatabricksGateway via = GatewayHooks.interruptAfter(h.gateway, "clusters", 1);
        InterruptedException e = catchThrowableOfType(
                InterruptedException.class,
                () -> h.deployer(via).deploy(h.spec("etl").build()));
        assertThat(e).isNotNull();
        assertThat(h.mutations()).isEmpty();
    }
}
