package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_2;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.backends.GatewayFactory;
import io.jenkins.plugins.databricks.emulator.ClusterSource;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only REST 2.x has, against the emulator's 2.x face: the volume and its privileges, the jar allowlist, access
 * modes, job clusters, 409 on an existing file, paging, clusters caught between states. Every refusal happens before
 * anything changes, so each of those tests also checks that the journal holds no mutation.
 */
class Rest2DeployTest {

    static final String FOLDER = Backend.REST_2.folder();
    private static final String SCIM_ME = "/api/2.0/preview/scim/v2/Me";

    @TempDir
    Path workspace;

    EmulatorHarness h;

    @BeforeEach
    void start() {
        h = new EmulatorHarness(workspace, Backend.REST_2);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private DeployException refused(DeploySpec.Builder spec) {
        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(spec));
        assertThat(e).as("the deploy should have been refused").isNotNull();
        assertThat(h.mutations()).as("nothing changed").isEmpty();
        return e;
    }

    private Rest2Client client() {
        return new Rest2Client(h.transport);
    }

    @Test
    void aVolumeFolderDeploysThroughLibraries20AndRestartsWhereTheOldJarWasLoaded() throws Exception {
        h.jar("1.0.0");
        DeployReport first = h.deploy(h.spec("etl"));
        h.jar("1.1.0");
        h.emulator.journal().clear();

        DeployReport second = h.deploy(h.spec("etl", "ml").smokeCommand("// emulator: print=ok"));

        assertThat(second.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(second.library().id()).startsWith(FOLDER + "/app-1.1.0-").endsWith(".jar");
        assertThat(h.emulator.file(second.library().id())).isNotNull();
        assertThat(h.mutations())
                .filteredOn(m -> !m.contains(" ")) // the smoke command's 1.2 calls
                .containsExactly("upload", "install", "install", "uninstall", "restart");
        assertThat(h.statusOn(second.library().id(), RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.statusOn(second.library().id(), RUNNING_2)).isEqualTo("INSTALLED");
        assertThat(h.statusOn(first.library().id(), RUNNING_1)).isEqualTo("ABSENT");
        assertThat(h.cluster(RUNNING_1).loadedJars())
                .containsExactly(second.library().id());
        assertThat(h.cluster(RUNNING_2).restartCount()).isZero();
        assertThat(h.emulator.journal().calls())
                .as("uploads never overwrite")
                .filteredOn(c -> c.startsWith("PUT /api/2.0/fs/files"))
                .hasSize(1);
        assertThat(h.emulator.journal().forEndpoint(second.library().id().replaceFirst("^", "/api/2.0/fs/files")))
                .extracting(e -> e.param("overwrite"))
                .containsOnly("false");
        assertThat(h.logText()).contains("(REST 2.x)").doesNotContain(h.emulator.token());
    }

    @Test
    void aTargetRestartingDuringPreflightIsAwaitedThenPlanned() throws Exception {
        h.jar("1.0.0");
        h.deploy(h.spec("etl"));
        h.jar("1.1.0");
        client().restartCluster(RUNNING_1);
        assertThat(h.cluster(RUNNING_1).state()).isEqualTo(ClusterState.RESTARTING);
        h.log.clear();

        DeployReport report = h.deploy(h.spec("etl"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.logText())
                .contains("Pre-flight: waiting for etl (" + RUNNING_1 + ") (RESTARTING) to settle before planning");
        // planned once it ran again: the old jar was loaded, so the deploy restarted it once more
        assertThat(report.restartedClusterIds()).containsExactly(RUNNING_1);
        assertThat(h.cluster(RUNNING_1).loadedJars())
                .containsExactly(report.library().id());
    }

    @Test
    void aTerminatedTargetGetsTheInstallQueuedAndIsNeitherStartedNorJudgedForTheSmokeCommand() throws Exception {
        h.cluster(TERMINATED).singleUser("someone-else@example.com");
        h.jar("1.0.0");

        DeployReport report = h.deploy(h.spec("etl", "nightly").smokeCommand("// emulator: print=ok"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.cluster(TERMINATED).state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(h.cluster(TERMINATED).restartCount()).isZero();
        assertThat(h.statusOn(report.library().id(), TERMINATED)).isEqualTo("PENDING");
        assertThat(report.smoke())
                .extracting(DeployReport.SmokeReport::clusterId)
                .containsExactly(RUNNING_1);
    }

    @Test
    void aMissingVolumeIsRefusedNamingTheVolumeAndWhatToDo() throws Exception {
        h.jar("1.0.0");
        DeployException e = refused(h.spec("etl").folder("/Volumes/main/ci/nope/jars"));
        assertThat(e.getMessage())
                .contains("folder: the volume main.ci.nope (/Volumes/main/ci/nope) does not exist")
                .contains("CREATE VOLUME main.ci.nope")
                .contains("USE CATALOG, USE SCHEMA, READ VOLUME and WRITE VOLUME");
    }

    @Test
    void aVolumeTheIdentityMayNotWriteIsRefusedBeforeAnyJarIsWritten() throws Exception {
        h.emulator.volume("main.ci.jars").writable(false);
        h.jar("1.0.0");
        DeployException e = refused(h.spec("etl"));
        assertThat(e.getMessage())
                .contains("folder: jenkins-deployer@example.com may read the volume main.ci.jars but not write to it")
                .contains("GRANT READ VOLUME, WRITE VOLUME ON VOLUME main.ci.jars TO `jenkins-deployer@example.com`");
        assertThat(h.emulator.files()).isEmpty();
    }

    @Test
    void aVolumeTheIdentityMayNotReadIsRefused() throws Exception {
        h.emulator.volume("main.ci.jars").readable(false);
        h.jar("1.0.0");
        DeployException e = refused(h.spec("etl"));
        assertThat(e.getMessage())
                .contains("folder: jenkins-deployer@example.com may not read the volume main.ci.jars")
                .contains("USE CATALOG, USE SCHEMA, READ VOLUME and WRITE VOLUME");
    }

    @Test
    void aFolderMissingFromTheAllowlistIsRefusedForStandardModeTargetsNamingThePrefix() throws Exception {
        h.emulator.allowlists().jarPrefixes("/Volumes/main/ci/jars-other/");
        h.jar("1.0.0");
        DeployException e = refused(h.spec("etl", "ml"));
        assertThat(e.getMessage())
                .contains("is not on the Unity Catalog jar allowlist (it allows /Volumes/main/ci/jars-other/)")
                .contains("etl (" + RUNNING_1 + "), ml (" + RUNNING_2 + ") use standard access mode")
                .contains("add the prefix " + FOLDER + "/ ");
    }

    @Test
    void aPrefixWithoutTheTrailingSlashCoversTheFolderAsDocumented() throws Exception {
        h.emulator.allowlists().jarPrefixes("/Volumes/main/ci/ja");
        h.jar("1.0.0");
        assertThat(h.deploy(h.spec("etl")).outcome()).isEqualTo(Outcome.DEPLOYED);
    }

    @Test
    void anUnreadableAllowlistIsAWarningNamingThePrefixAndAFailedInstallRollsBackWithTheServersMessage()
            throws Exception {
        h.jar("1.0.0");
        String v1 = h.deploy(h.spec("etl")).library().id();
        h.emulator.settings().allowlistAdmin(false);
        h.emulator.allowlists().jarPrefixes(v1); // the old jar stays allowed, the new one is not
        h.jar("1.1.0");
        h.log.clear();

        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(h.spec("etl")));

        assertThat(h.logText())
                .contains("Pre-flight: warning: jenkins-deployer@example.com may not read the Unity Catalog jar"
                        + " allowlist")
                .contains("a metastore admin must allow the prefix " + FOLDER + "/ ");
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("FAILED").contains("allowlist");
        assertThat(h.logText()).contains("Rollback:");
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.cluster(RUNNING_1).loadedJars()).containsExactly(v1);
    }

    @Test
    void aDedicatedClusterOfAnotherUserIsRefusedWhenTheSmokeCommandWouldRunThere() throws Exception {
        h.cluster(RUNNING_2).singleUser("alice@example.com");
        h.jar("1.0.0");
        DeployException e = refused(h.spec("etl", "ml").smokeCommand("// emulator: print=ok"));
        assertThat(e.getMessage())
                .contains("smokeCommand: ml (" + RUNNING_2 + ") is a dedicated (single user) cluster assigned to"
                        + " alice@example.com, and this deploy runs as jenkins-deployer@example.com")
                .contains("assign the cluster to jenkins-deployer@example.com");
    }

    @Test
    void aDedicatedClusterOfAnotherUserTakesTheJarWhenNoSmokeCommandRunsThere() throws Exception {
        h.cluster(RUNNING_2).singleUser("alice@example.com");
        h.jar("1.0.0");
        assertThat(h.deploy(h.spec("ml")).outcome()).isEqualTo(Outcome.DEPLOYED);
    }

    @Test
    void aDeployWhoseChecksAllPassNeverReadsWhoItRunsAs() throws Exception {
        h.cluster(RUNNING_2).singleUser("alice@example.com"); // dedicated, but no smoke command runs there
        h.jar("1.0.0");
        h.emulator.journal().clear();
        assertThat(h.deploy(h.spec("etl", "ml")).outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.emulator.journal().matching(e -> e.path().equals(SCIM_ME))).isEmpty();
    }

    @Test
    void theIdentityIsReadOnceForTwoDedicatedClustersThatRunTheSmokeCommand() throws Exception {
        h.cluster(RUNNING_1).singleUser("jenkins-deployer@example.com");
        h.cluster(RUNNING_2).singleUser("jenkins-deployer@example.com");
        h.jar("1.0.0");
        h.emulator.journal().clear();
        DeployReport report = h.deploy(h.spec("etl", "ml").smokeCommand("// emulator: print=ok"));
        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.emulator.journal().matching(e -> e.path().equals(SCIM_ME))).hasSize(1);
    }

    @Test
    void aDedicatedClusterOfTheIdentityRunsTheSmokeCommand() throws Exception {
        h.cluster(RUNNING_2).singleUser("jenkins-deployer@example.com");
        h.jar("1.0.0");
        DeployReport report = h.deploy(h.spec("ml").smokeCommand("// emulator: print=ok"));
        assertThat(report.smoke())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo("PASSED"));
    }

    @Test
    void aJobClusterIsRefused() throws Exception {
        h.emulator
                .addCluster("0101-000000-job1", "nightly-job", ClusterState.RUNNING)
                .source(ClusterSource.JOB);
        h.jar("1.0.0");
        DeployException e = refused(h.spec("etl", "nightly-job"));
        assertThat(e.getMessage())
                .contains("clusters: nightly-job (0101-000000-job1) is a job cluster (cluster_source JOB)")
                .contains("give an all-purpose cluster");
    }

    @Test
    void theSameJarAppearingUnderItsHashNameBeforeTheUploadIsReused() throws Exception {
        h.jar("1.0.0");
        byte[] bytes = Files.readAllBytes(workspace.resolve("target/app-1.0.0.jar"));
        DatabricksGateway racing = GatewayHooks.before(h.gateway, "store", () -> put(bytes));

        DeployReport report = h.deployer(racing).deploy(h.spec("etl").build());

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.emulator.journal().matching(e -> e.path().startsWith("/api/2.0/fs/files/") && e.status() == 409))
                .as("our upload met the other copy")
                .hasSize(1);
        assertThat(h.statusOn(report.library().id(), RUNNING_1)).isEqualTo("INSTALLED");
    }

    @Test
    void anotherFileUnderTheHashNameIsRefusedBeforeAnyClusterChanges() throws Exception {
        h.jar("1.0.0");
        DatabricksGateway racing =
                GatewayHooks.before(h.gateway, "store", () -> put("not the jar".getBytes(StandardCharsets.UTF_8)));

        DeployException e = catchThrowableOfType(
                DeployException.class,
                () -> h.deployer(racing).deploy(h.spec("etl").build()));

        assertThat(e).isNotNull();
        assertThat(h.mutations()).containsExactly("upload").as("only the other party's upload");
        assertThat(h.statusOn(h.emulator.files().get(0).path(), RUNNING_1)).isEqualTo("ABSENT");
    }

    /** Another party stores bytes under the name this deploy is about to use. */
    private void put(byte[] bytes) {
        try {
            String name = h.emulator.journal().entries().stream()
                    .map(JournalEntry::path)
                    .filter(p -> p.startsWith("/api/2.0/fs/files/"))
                    .findFirst()
                    .map(p -> p.substring("/api/2.0/fs/files".length()))
                    .orElse(null);
            String path = name != null ? name : FOLDER + "/" + plannedName();
            client().uploadFile(path, UploadSource.of("other.jar", bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String plannedName() {
        return h.log.stream()
                .filter(l -> l.contains("library name "))
                .map(l -> l.replaceAll(".*library name (\\S+?),.*", "$1"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everyListingIsReadToItsLastPage() throws Exception {
        h.emulator.addCluster("0101-000000-x4", "extra1", ClusterState.RUNNING);
        h.emulator.addCluster("0101-000000-x5", "extra2", ClusterState.RUNNING);
        for (String v : List.of("1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4")) {
            h.jar(v);
            h.deploy(h.spec("extra2"));
        }
        h.jar("1.1.0");
        h.emulator.journal().clear();

        DeployReport report = h.deploy(h.spec("extra2").keepVersions(1));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        // extra2 is the fifth cluster, on the third page of two; the journal keeps no page tokens (they look like
        // secrets to it), so count the calls: one listing of 5 clusters is 3 pages, one of 6 files 3 pages
        assertThat(h.emulator.journal().matching(e -> e.path().equals("/api/2.1/clusters/list")))
                .as("clusters/list followed its page tokens")
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(h.emulator
                        .journal()
                        .matching(e -> e.path().equals("/api/2.0/fs/directories" + FOLDER) && "GET".equals(e.method())))
                .as("the folder listing followed its page tokens")
                .hasSizeGreaterThanOrEqualTo(3);
        // the newest old version is kept, the four before it are deleted: the listing saw every page
        assertThat(h.emulator.files())
                .extracting(f -> f.name().replaceAll("-[0-9a-f]{10}\\.jar$", ""))
                .containsExactlyInAnyOrder("app-1.0.4", "app-1.1.0");
    }

    @Test
    void aFolderOutsideVolumesAllClustersAndAVolumeFolderOn12AreRefusedWithTheWayOut() throws Exception {
        h.jar("1.0.0");
        assertThat(refused(h.spec("etl").folder("/Shared/jenkins").api("2.x")).getMessage())
                .contains("folder: '/Shared/jenkins' is not in a Unity Catalog volume")
                .contains("/Volumes/<catalog>/<schema>/<volume>/jars")
                .contains("set api to 1.2");
        assertThat(refused(h.spec().clusters(List.of(DeploySpec.ALL_CLUSTERS))).getMessage())
                .contains("clusters: __ALL_CLUSTERS is not possible on " + h.gateway.describe())
                .contains("list the clusters by id or name");
        assertThat(refused(h.spec("etl").folder("/Volumes/main/ci")).getMessage())
                .contains("folder: '/Volumes/main/ci' names no volume");
        DeploySpec on12 = h.spec("etl").api("1.2").build();
        DeployException e = catchThrowableOfType(
                DeployException.class,
                () -> h.deployer(GatewayFactory.forSpec(on12, h.transport, h.poller()))
                        .deploy(on12));
        assertThat(e.getMessage()).contains("folder: '" + FOLDER + "' is a Unity Catalog volume");
        assertThat(h.mutations()).isEmpty();
    }

    @Test
    void aWorkspaceThatNoLongerServes12SaysToGiveAVolumeFolder() throws Exception {
        try (EmulatorHarness on12 = new EmulatorHarness(workspace.resolve("w12"), Backend.REST_1_2)) {
            on12.emulator.faults().forPathPrefix("/api/1.2/clusters/").always().v1ApisDisabled();
            on12.jar("1.0.0");
            DeployException e = catchThrowableOfType(DeployException.class, () -> on12.deploy(on12.spec("etl")));
            assertThat(e.getMessage())
                    .contains("The V1 APIs for clusters and libraries are disabled")
                    .contains("give folder a Unity Catalog volume folder such as /Volumes/<catalog>/<schema>/<volume>"
                            + "/jars")
                    .contains("or set api to 2.x");
        }
    }
}
