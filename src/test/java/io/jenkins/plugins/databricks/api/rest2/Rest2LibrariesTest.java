package io.jenkins.plugins.databricks.api.rest2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.ErrorKind;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ManualRetry;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.emulator.AccessMode;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import io.jenkins.plugins.databricks.emulator.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Libraries 2.0 through real HTTP against the emulator: statuses move with its clock, per cluster. */
class Rest2LibrariesTest {

    private static final String STANDARD = "0101-000000-std1";
    private static final String DEDICATED = "0101-000000-ded2";
    private static final String STOPPED = "0101-000000-off3";
    private static final String LIBS = "/Volumes/main/ci/libs";
    private static final Library V1 = Library.jar(LIBS + "/app-1.jar");
    private static final Library V2 = Library.jar(LIBS + "/app-2.jar");

    private DatabricksEmulator emulator;
    private ManualClock time;
    private Rest2Client client;

    @BeforeEach
    void start() throws Exception {
        emulator = DatabricksEmulator.start();
        time = new ManualClock();
        emulator.settings()
                .clock(time)
                .libraryPendingDuration(Duration.ofSeconds(1))
                .libraryInstallDuration(Duration.ofSeconds(2))
                .restartDuration(Duration.ofSeconds(10))
                .startDuration(Duration.ofSeconds(10));
        emulator.addVolume("main", "ci", "libs");
        emulator.addCluster(STANDARD, "shared", io.jenkins.plugins.databricks.emulator.ClusterState.RUNNING);
        emulator.addCluster(DEDICATED, "mine", io.jenkins.plugins.databricks.emulator.ClusterState.RUNNING)
                .accessMode(AccessMode.DATA_SECURITY_MODE_DEDICATED)
                .singleUser(emulator.settings().defaultUserName());
        emulator.addCluster(STOPPED, "idle", io.jenkins.plugins.databricks.emulator.ClusterState.TERMINATED)
                .accessMode(AccessMode.SINGLE_USER);
        emulator.allowlists().jarPrefixes(LIBS + "/");
        client = clientWith(RetryPolicy.none());
        for (Library jar : List.of(V1, V2)) {
            client.uploadFile(jar.jar(), UploadSource.of("a.jar", jar.jar().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private Rest2Client clientWith(RetryPolicy retries) {
        return HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(retries)
                .build(Rest2Client::new);
    }

    private LibraryFullStatus statusOf(String cluster, Library library) throws Exception {
        return client.clusterLibraryStatuses(cluster).statusOf(library).orElseThrow();
    }

    @Test
    void anInstallGoesPendingInstallingInstalled() throws Exception {
        client.installLibraries(STANDARD, List.of(V1));
        assertThat(emulator.journal().last().call()).isEqualTo("POST /api/2.0/libraries/install");
        assertThat(statusOf(STANDARD, V1).status()).isEqualTo(LibraryInstallStatus.PENDING);
        time.advance(Duration.ofMillis(1500));
        assertThat(statusOf(STANDARD, V1).status()).isEqualTo(LibraryInstallStatus.INSTALLING);
        time.advance(Duration.ofSeconds(2));
        LibraryFullStatus done = statusOf(STANDARD, V1);
        assertThat(done.status()).isEqualTo(LibraryInstallStatus.INSTALLED);
        assertThat(done.statusWord()).isEqualTo("INSTALLED");
        assertThat(done.forAllClusters()).isFalse();
        assertThat(done.messages()).isEmpty();
        ClusterLibraryStatuses all = client.clusterLibraryStatuses(STANDARD);
        assertThat(all.clusterId()).isEqualTo(STANDARD);
        assertThat(all.libraryStatuses()).extracting(LibraryFullStatus::library).containsExactly(V1);
    }

    @Test
    void installingTheSameJarTwiceChangesNothing() throws Exception {
        client.installLibraries(STANDARD, List.of(V1));
        time.advance(Duration.ofSeconds(5));
        client.installLibraries(STANDARD, List.of(V1));
        assertThat(client.clusterLibraryStatuses(STANDARD).libraryStatuses())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(LibraryInstallStatus.INSTALLED));
        assertThat(emulator.journal().mutationCalls()).containsOnlyOnce("POST /api/2.0/libraries/install");
    }

    @Test
    void anUninstallWaitsForTheRestartAndTheOthersComeBackRestored() throws Exception {
        client.installLibraries(STANDARD, List.of(V1));
        time.advance(Duration.ofSeconds(5));
        client.uninstallLibraries(STANDARD, List.of(V1));
        client.installLibraries(STANDARD, List.of(V2));
        time.advance(Duration.ofSeconds(5));
        assertThat(client.clusterLibraryStatuses(STANDARD).libraryStatuses())
                .extracting(s -> s.library().jar() + "=" + s.status())
                .containsExactly(V2.jar() + "=INSTALLED", V1.jar() + "=UNINSTALL_ON_RESTART");

        client.restartCluster(STANDARD);
        time.advance(Duration.ofSeconds(11));
        time.advance(Duration.ofSeconds(5));
        assertThat(client.clusterLibraryStatuses(STANDARD).libraryStatuses())
                .extracting(s -> s.library().jar() + "=" + s.status())
                .containsExactly(V2.jar() + "=RESTORED");
        assertThat(statusOf(STANDARD, V2).status().inProgress()).isFalse();
    }

    @Test
    void aMissingJarEndsFailedWithItsMessage() throws Exception {
        Library missing = Library.jar(LIBS + "/nope.jar");
        client.installLibraries(DEDICATED, List.of(missing));
        time.advance(Duration.ofSeconds(5));
        LibraryFullStatus failed = statusOf(DEDICATED, missing);
        assertThat(failed.status()).isEqualTo(LibraryInstallStatus.FAILED);
        assertThat(failed.messages()).singleElement().asString().contains("nope.jar");
    }

    @Test
    void outsideTheAllowlistAStandardClusterFailsTheLibraryNamingTheAllowlist() throws Exception {
        emulator.allowlists().jarPrefixes("/Volumes/main/ci/other/");
        client.installLibraries(STANDARD, List.of(V1));
        time.advance(Duration.ofSeconds(5));
        LibraryFullStatus failed = statusOf(STANDARD, V1);
        assertThat(failed.status()).isEqualTo(LibraryInstallStatus.FAILED);
        assertThat(failed.messages()).singleElement().asString().contains("allowlist");
        // A dedicated cluster does not check the allowlist.
        client.installLibraries(DEDICATED, List.of(V1));
        time.advance(Duration.ofSeconds(5));
        assertThat(statusOf(DEDICATED, V1).status()).isEqualTo(LibraryInstallStatus.INSTALLED);
    }

    @Test
    void theOtherReadingRefusesTheInstallCallItself() {
        emulator.allowlists().jarPrefixes("/Volumes/main/ci/other/");
        emulator.settings().allowlistRejection(Settings.AllowlistRejection.INSTALL_ERROR);
        DatabricksApiException e = catchThrowableOfType(
                DatabricksApiException.class, () -> client.installLibraries(STANDARD, List.of(V1)));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_PARAMETER_VALUE);
        assertThat(e.serverMessage()).contains("allowlist");
    }

    @Test
    void onATerminatedClusterTheInstallWaitsForTheNextStart() throws Exception {
        client.installLibraries(STOPPED, List.of(V1));
        time.advance(Duration.ofMinutes(5));
        assertThat(statusOf(STOPPED, V1).status()).isEqualTo(LibraryInstallStatus.PENDING);
        client.startCluster(STOPPED);
        time.advance(Duration.ofSeconds(11));
        time.advance(Duration.ofSeconds(5));
        assertThat(statusOf(STOPPED, V1).status()).isEqualTo(LibraryInstallStatus.INSTALLED);
    }

    @Test
    void theNotListedReadingOfAQueuedInstallAlsoReads() throws Exception {
        emulator.settings().queuedInstall(Settings.QueuedInstall.NOT_LISTED);
        client.installLibraries(STOPPED, List.of(V1));
        assertThat(client.clusterLibraryStatuses(STOPPED).statusOf(V1)).isEmpty();
        assertThat(client.clusterLibraryStatuses(STOPPED).clusterId()).isEqualTo(STOPPED);
    }

    @Test
    void allClusterStatusesListsEveryClusterWithLibraries() throws Exception {
        client.installLibraries(STANDARD, List.of(V1));
        client.installLibraries(DEDICATED, List.of(V1, V2));
        time.advance(Duration.ofSeconds(5));
        List<ClusterLibraryStatuses> all = client.allClusterLibraryStatuses();
        assertThat(all).extracting(ClusterLibraryStatuses::clusterId).contains(STANDARD, DEDICATED);
        ClusterLibraryStatuses dedicated = all.stream()
                .filter(s -> s.clusterId().equals(DEDICATED))
                .findFirst()
                .orElseThrow();
        assertThat(dedicated.libraryStatuses())
                .extracting(LibraryFullStatus::library)
                .containsExactly(V1, V2);
        assertThat(emulator.journal().last().call()).isEqualTo("GET /api/2.0/libraries/all-cluster-statuses");
    }

    @Test
    void installAndUninstallAreRepeatedAfterALostAnswer() throws Exception {
        try (Rest2Client retrying = clientWith(ManualRetry.policy(time).build())) {
            emulator.faults().forPath("/api/2.0/libraries/install").loseResponseAfterSuccess();
            retrying.installLibraries(STANDARD, List.of(V1));
            time.advance(Duration.ofSeconds(5));
            emulator.faults().forPath("/api/2.0/libraries/uninstall").dropConnection();
            retrying.uninstallLibraries(STANDARD, List.of(V1));
        }
        assertThat(emulator.journal().calls())
                .containsSubsequence(
                        "POST /api/2.0/libraries/install",
                        "POST /api/2.0/libraries/install",
                        "POST /api/2.0/libraries/uninstall",
                        "POST /api/2.0/libraries/uninstall");
        assertThat(client.clusterLibraryStatuses(STANDARD).libraryStatuses())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(LibraryInstallStatus.UNINSTALL_ON_RESTART));
    }

    @Test
    void anUnknownClusterIsAClearError() {
        DatabricksApiException e = catchThrowableOfType(
                DatabricksApiException.class, () -> client.installLibraries("0101-nope", List.of(V1)));
        assertThat(e.statusCode()).isBetween(400, 404);
        assertThat(e.serverMessage()).contains("0101-nope");
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client.installLibraries(STANDARD, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("libraries");
        assertThatThrownBy(() -> client.uninstallLibraries(" ", List.of(V1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cluster id");
        assertThatThrownBy(() -> Library.jar(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jar path");
    }
}
