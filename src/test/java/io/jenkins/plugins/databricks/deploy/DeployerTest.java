package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_2;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.databricks.deploy.DeployReport.ClusterReport;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole deploy over real HTTP against the emulator, on each backend: each step and the main paths. */
@ParameterizedClass
@EnumSource(Backend.class)
class DeployerTest {

    @Parameter
    Backend backend;

    @TempDir
    Path workspace;

    EmulatorHarness h;

    @BeforeEach
    void start() {
        h = new EmulatorHarness(workspace, backend);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Install for all clusters exists only in the REST 1.2 library API. */
    private void assumeAllClusters() {
        assumeTrue(backend == Backend.REST_1_2, "REST 2.x has no install on all clusters");
    }

    @Test
    void aThrottledCallSaysInTheLogWhyTheDeployPauses() throws Exception {
        h.jar("1.0.0");
        backend.uploadFaults(h.emulator).times(1).tooManyRequests(7);

        DeployReport report = h.deploy(h.spec("etl"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.log)
                .filteredOn(line -> line.contains("retrying"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("[databricks] " + backend.uploadCall())
                .contains(" failed (attempt 1: HTTP 429")
                .endsWith("retrying in 7.0 s");
        assertThat(h.logText()).contains("[databricks] Uploaded ");
    }

    @Test
    void firstDeployUploadsAttachesWaitsAndRunsTheSmokeCommand() throws Exception {
        h.jar("1.0.0");
        DeployReport report = h.deploy(h.spec("etl", RUNNING_2)
                .smokeCommand("// emulator: print=demo app 1.0.0 loaded")
                .smokeExpect("app 1\\.0\\.0"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        String id = report.library().id();
        assertThat(report.library().name()).matches("app-1\\.0\\.0-[0-9a-f]{10}\\.jar");
        assertThat(backend.storedSha256(h.emulator, id))
                .isEqualTo(report.library().sha256());
        assertThat(h.statusOn(id, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.statusOn(id, RUNNING_2)).isEqualTo("INSTALLED");
        assertThat(report.restartedClusterIds()).isEmpty(); // nothing old was loaded: no restart needed
        assertThat(report.clusters())
                .extracting(ClusterReport::id, ClusterReport::state, ClusterReport::libraryStatus)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RUNNING_1, h.word("Running"), h.word("Attached")),
                        org.assertj.core.groups.Tuple.tuple(RUNNING_2, h.word("Running"), h.word("Attached")));
        assertThat(report.smoke()).hasSize(2).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo("PASSED");
            assertThat(s.output()).isEqualTo("demo app 1.0.0 loaded");
        });
        assertThat(h.emulator.contexts())
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.destroyed()).isTrue());
        assertThat(h.logText())
                .contains("[databricks] Uploaded " + report.library().name() + " as library " + id + " in "
                        + backend.folder() + " (")
                .contains("[databricks] Cluster etl (" + RUNNING_1 + "): " + h.word("Running") + ", new library "
                        + h.word("Attached"))
                .doesNotContain(h.emulator.token());
        assertThat(report.timingsMillis()).containsKeys("preflight", "upload", "swap", "wait", "smoke", "total");
    }

    @Test
    void replacingAnOldVersionAttachesNewBeforeDetachingOldAndRestartsOnlyWhereItWasLoaded() throws Exception {
        h.jar("1.0.0");
        DeployReport first = h.deploy(h.spec("etl"));
        h.jar("1.1.0");
        h.emulator.journal().clear();

        DeployReport second = h.deploy(h.spec("etl", "ml"));

        assertThat(second.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(second.oldLibraryIds()).containsExactly(first.library().id());
        assertThat(second.detachedLibraryIds()).containsExactly(first.library().id());
        assertThat(second.restartedClusterIds()).containsExactly(RUNNING_1);
        assertThat(h.emulator.cluster(RUNNING_2).restartCount()).isZero();
        assertThat(h.mutations()).containsExactly("upload", "install", "install", "uninstall", "restart");
        assertThat(h.statusOn(first.library().id(), RUNNING_1)).isEqualTo("ABSENT");
        assertThat(h.statusOn(second.library().id(), RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.logText())
                .contains(
                        "Restarting etl (" + RUNNING_1 + "): the old classes are loaded and a JVM cannot unload them");
    }

    @Test
    void restartNeverLeavesTheOldClassesRunningAndSaysSo() throws Exception {
        h.jar("1.0.0");
        h.deploy(h.spec("etl"));
        h.jar("1.1.0");
        DeployReport report = h.deploy(h.spec("etl").restart("never"));
        assertThat(report.restartedClusterIds()).isEmpty();
        assertThat(report.clusters().get(0).note())
                .isEqualTo("not restarted: it runs the old classes until it restarts");
        assertThat(h.logText()).contains("its classes stay loaded until the cluster restarts (restart=NEVER)");
    }

    @Test
    void aTerminatedTargetIsQueuedNotStartedAndNotAwaited() throws Exception {
        h.jar("1.0.0");
        DeployReport report = h.deploy(h.spec("etl", "nightly").smokeCommand("// emulator: print=ok"));

        assertThat(h.emulator.cluster(TERMINATED).restartCount()).isZero();
        assertThat(h.emulator.cluster(TERMINATED).state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(h.statusOn(report.library().id(), TERMINATED)).isEqualTo("PENDING");
        ClusterReport nightly = report.clusters().get(1);
        assertThat(nightly.state()).isEqualTo(h.word("Terminated"));
        assertThat(nightly.note()).isEqualTo("not running: the new library takes effect at its next start");
        assertThat(report.smoke())
                .extracting(DeployReport.SmokeReport::clusterId)
                .containsExactly(RUNNING_1);
        assertThat(h.logText()).contains("Smoke command skipped on nightly (" + TERMINATED + ")");
    }

    @Test
    void restartAlwaysStartsATerminatedTargetAndWaitsForIt() throws Exception {
        h.jar("1.0.0");
        DeployReport report = h.deploy(h.spec("nightly").restart("ALWAYS"));
        assertThat(report.restartedClusterIds()).containsExactly(TERMINATED);
        assertThat(report.clusters().get(0).state()).isEqualTo(h.word("Running"));
        assertThat(report.clusters().get(0).libraryStatus()).isEqualTo(h.word("Attached"));
    }

    @Test
    void startingAStoppedClusterThatHasAnOldVersionQueuedDoesNotClaimLoadedClasses() throws Exception {
        h.jar("1.0.0");
        h.deploy(h.spec("nightly"));
        h.jar("1.1.0");
        h.log.clear();

        DeployReport report = h.deploy(h.spec("nightly").restart("ALWAYS"));

        assertThat(report.restartedClusterIds()).containsExactly(TERMINATED);
        assertThat(report.plan()).anyMatch(l -> l.endsWith("start it (restart=ALWAYS)"));
        assertThat(h.logText())
                .contains("Starting nightly (" + TERMINATED + ") (restart=ALWAYS)")
                .doesNotContain("old classes are loaded");
    }

    @Test
    void theIdenticalJarAlreadyAttachedIsSkippedWithoutAnyChange() throws Exception {
        h.jar("1.0.0");
        DeployReport first = h.deploy(h.spec("etl", "ml", "nightly"));
        h.emulator.journal().clear();

        DeployReport again = h.deploy(h.spec("etl", "ml", "nightly").smokeCommand("// emulator: print=ok"));

        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.library().id()).isEqualTo(first.library().id());
        assertThat(again.library().reused()).isTrue();
        assertThat(h.mutations()).isEmpty();
        assertThat(h.logText())
                .contains("Unchanged: " + first.library().name() + " (library "
                        + first.library().id()
                        + ") has the same SHA-256 and is already attached to every target cluster; skipping the swap");
    }

    @Test
    void theIdenticalJarStoredButNotAttachedIsReusedNotUploadedAgain() throws Exception {
        h.jar("1.0.0");
        DeployReport first = h.deploy(h.spec("etl"));
        h.emulator.journal().clear();
        DeployReport toMl = h.deploy(h.spec("ml"));
        assertThat(toMl.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(toMl.library().id()).isEqualTo(first.library().id());
        assertThat(h.mutations()).containsExactly("install");
    }

    @Test
    void aForeignLibraryWithTheSameNameIsRefusedBeforeAnyChange() throws Exception {
        h.jar("1.0.0");
        h.deploy(h.spec("etl").libraryName("{name}.jar"));
        h.jar("1.0.0-different");
        java.nio.file.Files.move(
                workspace.resolve("target/app-1.0.0-different.jar"), workspace.resolve("target/app-1.0.0.jar"));
        h.emulator.journal().clear();

        DeployException e = catchThrowableOfType(
                DeployException.class, () -> h.deploy(h.spec("etl").libraryName("{name}.jar")));

        assertThat(e)
                .hasMessageStartingWith(
                        "libraryName: " + backend.folder() + " already holds a library named app-1.0.0.jar")
                .hasMessageContaining("add {hash} or {build}");
        assertThat(h.mutations()).isEmpty();
    }

    @Test
    void keepVersionsDeletesOnlyOldVersionsBeyondTheNewestN() throws Exception {
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            h.jar("1." + i + ".0");
            ids[i] = h.deploy(h.spec("etl")).library().id();
        }
        h.jar("1.3.0");
        DeployReport report = h.deploy(h.spec("etl").keepVersions(1));

        assertThat(report.oldLibraryIds()).containsExactly(ids[2], ids[1], ids[0]);
        assertThat(report.deletedLibraryIds()).containsExactly(ids[1], ids[0]);
        assertThat(h.stored(ids[2])).isTrue();
        assertThat(h.stored(ids[0])).isFalse();
        assertThat(h.logText()).contains("Deleted old library " + ids[0]);
    }

    @Test
    void keepVersionsNeverDeletesAVersionStillLoadedSomewhere() throws Exception {
        h.jar("1.0.0");
        String v1 = h.deploy(h.spec("etl", "ml")).library().id();
        h.jar("1.1.0");
        // only etl moves on; ml keeps running 1.0.0
        DeployReport report = h.deploy(h.spec("etl").keepVersions(0));
        assertThat(report.deletedLibraryIds()).isEmpty();
        assertThat(h.stored(v1)).isTrue();
        assertThat(h.logText()).contains("Kept old library " + v1).contains(RUNNING_2 + " " + h.word("Attached"));
    }

    @Test
    void anOldVersionOnAllClustersIsReplacedOnAllClusters() throws Exception {
        assumeAllClusters();
        h.jar("1.0.0");
        DeployReport first = h.deploy(h.spec(DeploySpec.ALL_CLUSTERS));
        assertThat(h.emulator.library(first.library().id()).attachAllClusters()).isTrue();
        h.jar("1.1.0");
        h.emulator.journal().clear();

        DeployReport second = h.deploy(h.spec(DeploySpec.ALL_CLUSTERS));

        assertThat(h.emulator.journal().matching(e -> e.mutation()).stream()
                        .map(e -> e.call() + " " + e.param("clusterId"))
                        .filter(c -> !c.startsWith("POST libraries/upload"))
                        .toList())
                .startsWith("POST libraries/attach __ALL_CLUSTERS", "POST libraries/detach __ALL_CLUSTERS");
        assertThat(h.emulator.library(second.library().id()).attachAllClusters())
                .isTrue();
        assertThat(h.emulator.library(first.library().id()).attachAllClusters()).isFalse();
        assertThat(second.restartedClusterIds()).containsExactlyInAnyOrder(RUNNING_1, RUNNING_2);
        assertThat(h.emulator.cluster(TERMINATED).restartCount()).isZero();
    }

    @Test
    void anOldVersionOnAllClustersCannotBeReplacedOnSomeOnly() throws Exception {
        assumeAllClusters();
        h.jar("1.0.0");
        h.deploy(h.spec(DeploySpec.ALL_CLUSTERS));
        h.jar("1.1.0");
        h.emulator.journal().clear();
        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(h.spec("etl")));
        assertThat(e)
                .hasMessageStartingWith("clusters: the old version app-1.0.0-")
                .hasMessageContaining("is attached to all clusters; target __ALL_CLUSTERS");
        assertThat(h.mutations()).isEmpty();
    }

    @Test
    void aBackendWithoutInstallForAllClustersRefusesAllClustersBeforeAnyCall() throws Exception {
        h.jar("1.0.0");
        h.emulator.journal().clear();
        DatabricksGateway noAllClusters = GatewayHooks.answering(h.gateway, "installsOnAllClusters", false);

        DeployException e = catchThrowableOfType(
                DeployException.class,
                () -> h.deployer(noAllClusters)
                        .deploy(h.spec(DeploySpec.ALL_CLUSTERS).build()));

        assertThat(e)
                .hasMessageStartingWith("clusters: __ALL_CLUSTERS is not possible on " + h.gateway.describe())
                .hasMessageEndingWith("list the clusters by id or name");
        assertThat(h.emulator.journal().calls()).isEmpty();
    }

    @Test
    void withoutInstallForAllClustersAnOldVersionOnAllClustersCanOnlyBeDetachedFirst() throws Exception {
        assumeAllClusters();
        h.jar("1.0.0");
        h.deploy(h.spec(DeploySpec.ALL_CLUSTERS));
        h.jar("1.1.0");
        h.emulator.journal().clear();
        DatabricksGateway noAllClusters = GatewayHooks.answering(h.gateway, "installsOnAllClusters", false);

        DeployException e = catchThrowableOfType(
                DeployException.class,
                () -> h.deployer(noAllClusters).deploy(h.spec("etl").build()));

        assertThat(e)
                .hasMessageContaining("is attached to all clusters; detach it from all clusters first")
                .hasMessageNotContaining("target __ALL_CLUSTERS");
        assertThat(h.mutations()).isEmpty();
    }

    @Test
    void aDryRunChangesNothingAndPrintsThePlan() throws Exception {
        h.jar("1.0.0");
        h.deploy(h.spec("etl"));
        h.jar("1.1.0");
        h.emulator.journal().clear();
        h.log.clear();

        DeployReport report =
                h.deploy(h.spec("etl", "nightly").dryRun(true).keepVersions(0).smokeCommand("1+1"));

        assertThat(report.outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(h.mutations()).isEmpty();
        assertThat(h.emulator.journal().calls()).allSatisfy(c -> assertThat(c).matches("(GET|HEAD) .*"));
        assertThat(h.logText())
                .contains("[databricks]   upload target/app-1.1.0.jar (")
                .contains("restart it: the old classes are loaded and a JVM cannot unload them")
                .contains("not started (restart=IF_RUNNING); the attach takes effect at its next start")
                .contains("Dry run: nothing was changed on Databricks")
                .contains("on failure: re-attach the old version, detach the new one, and wait until every restarted"
                        + " cluster runs the old version again");
        assertThat(report.plan()).isNotEmpty();
    }

    @Test
    void unknownAndAmbiguousClustersFailPreFlightNamingTheField() throws Exception {
        h.emulator.addCluster(
                "0101-000000-dup1", "shared", io.jenkins.plugins.databricks.emulator.ClusterState.RUNNING);
        h.emulator.addCluster(
                "0101-000000-dup2", "shared", io.jenkins.plugins.databricks.emulator.ClusterState.RUNNING);
        h.jar("1.0.0");
        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(h.spec("etl", "etI", "shared")));
        assertThat(e.getMessage())
                .startsWith("clusters: no cluster with id or name 'etI' — known clusters: etl (" + RUNNING_1 + ")")
                .contains("'shared' names 2 clusters (0101-000000-dup1, 0101-000000-dup2) — give the cluster id");
        assertThat(h.mutations()).isEmpty();
    }

    @Test
    void aTargetInErrorFailsPreFlight() throws Exception {
        h.jar("1.0.0");
        h.emulator.cluster(RUNNING_2).forceState(io.jenkins.plugins.databricks.emulator.ClusterState.ERROR);
        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(h.spec("etl", "ml")));
        assertThat(e)
                .hasMessage("clusters: ml (" + RUNNING_2 + ") is in state Error and cannot take a library —"
                        + " repair it in Databricks or leave it out");
        assertThat(h.mutations()).isEmpty();
    }

    @Test
    void aJarThatIsMissingFailsPreFlight() throws Exception {
        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(h.spec("etl")));
        assertThat(e).hasMessageStartingWith("jar: nothing matches 'target/app-*.jar'");
        assertThat(h.mutations()).isEmpty();
    }

    @Test
    void smokeCommandFileIsReadFromTheWorkspace() throws Exception {
        h.jar("1.0.0");
        java.nio.file.Files.writeString(workspace.resolve("smoke.py"), "# emulator: print=from file\n");
        DeployReport report =
                h.deploy(h.spec("etl").smokeCommandFile("smoke.py").smokeLanguage("python"));
        assertThat(report.smoke())
                .singleElement()
                .satisfies(s -> assertThat(s.output()).isEqualTo("from file"));
        assertThat(h.emulator.contexts().get(0).language()).isEqualTo("python");
    }

    @Test
    void reportIsJsonAndSummary() throws Exception {
        h.jar("1.0.0");
        DeployReport report = h.deploy(h.spec("etl"));
        assertThat(DeployReport.fromJson(report.toJson())).isEqualTo(report);
        assertThat(report.summary())
                .contains("cluster etl (" + RUNNING_1 + "): " + h.word("Running") + ", new library "
                        + h.word("Attached"));
        assertThat(List.of(report.toJson(), report.summary())).noneMatch(t -> t.contains(h.emulator.token()));
    }
}
