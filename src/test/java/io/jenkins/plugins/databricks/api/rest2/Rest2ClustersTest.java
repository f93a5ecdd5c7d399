package io.jenkins.plugins.databricks.api.rest2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.ErrorKind;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ManualRetry;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.emulator.AccessMode;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import io.jenkins.plugins.databricks.emulator.Settings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clusters 2.1 through real HTTP against the emulator, whose clusters change state as its clock moves. */
class Rest2ClustersTest {

    private static final String RUNNING = "0101-000000-run1";
    private static final String STOPPED = "0101-000000-off2";
    private static final String DEDICATED = "0101-000000-ded3";
    private static final String JOB = "0101-000000-job4";
    private static final String OPEN = "0101-000000-noi5";

    private DatabricksEmulator emulator;
    private ManualClock time;
    private Rest2Client client;

    @BeforeEach
    void start() {
        emulator = DatabricksEmulator.start();
        time = new ManualClock();
        emulator.settings().clock(time).startDuration(Duration.ofSeconds(30)).restartDuration(Duration.ofSeconds(40));
        emulator.addCluster(RUNNING, "etl", io.jenkins.plugins.databricks.emulator.ClusterState.RUNNING);
        emulator.addCluster(STOPPED, "adhoc", io.jenkins.plugins.databricks.emulator.ClusterState.TERMINATED);
        emulator.addCluster(DEDICATED, "alice", io.jenkins.plugins.databricks.emulator.ClusterState.RUNNING)
                .singleUser("alice@example.com")
                .sparkVersion("16.4.x-scala2.13");
        emulator.addCluster(JOB, "job-42", io.jenkins.plugins.databricks.emulator.ClusterState.RUNNING)
                .source(io.jenkins.plugins.databricks.emulator.ClusterSource.JOB);
        emulator.addCluster(OPEN, "legacy", io.jenkins.plugins.databricks.emulator.ClusterState.RUNNING)
                .accessMode(AccessMode.NONE);
        client = clientWith(RetryPolicy.none());
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

    @Test
    void listsEveryClusterOverEveryPage() throws Exception {
        emulator.settings().clusterPageSize(2);
        List<ClusterDetails> clusters = client.listClusters();
        assertThat(clusters)
                .extracting(ClusterDetails::clusterId)
                .containsExactlyInAnyOrder(RUNNING, STOPPED, DEDICATED, JOB, OPEN);
        assertThat(emulator.journal().calls())
                .containsExactly(
                        "GET /api/2.1/clusters/list", "GET /api/2.1/clusters/list", "GET /api/2.1/clusters/list");
        assertThat(emulator.journal().entries())
                .as("every page asks for 100, so the server's undocumented default never decides")
                .allMatch(e -> "100".equals(e.param("page_size")));
        emulator.journal().clear();
        assertThat(client.listClusters(1)).hasSize(5);
        assertThat(emulator.journal().entries()).hasSize(5).allMatch(e -> "1".equals(e.param("page_size")));
    }

    @Test
    void getReadsStateAccessModeSourceAndRuntime() throws Exception {
        ClusterDetails etl = client.getCluster(RUNNING);
        assertThat(etl.clusterName()).isEqualTo("etl");
        assertThat(etl.state()).isEqualTo(ClusterState.RUNNING);
        assertThat(etl.dataSecurityMode()).isEqualTo(DataSecurityMode.USER_ISOLATION);
        assertThat(etl.dataSecurityMode().isStandard()).isTrue();
        assertThat(etl.clusterSource()).isEqualTo(ClusterSource.UI);
        assertThat(etl.sparkVersion()).isEqualTo("15.4.x-scala2.12");
        assertThat(emulator.journal().last().param("cluster_id")).isEqualTo(RUNNING);

        ClusterDetails alice = client.getCluster(DEDICATED);
        assertThat(alice.dataSecurityMode().isDedicated()).isTrue();
        assertThat(alice.singleUserName()).isEqualTo("alice@example.com");
        assertThat(alice.sparkVersion()).isEqualTo("16.4.x-scala2.13");

        assertThat(client.getCluster(JOB).isJobCluster()).isTrue();
        assertThat(client.getCluster(OPEN).dataSecurityMode()).isEqualTo(DataSecurityMode.NONE);
        assertThat(client.getCluster(STOPPED).state()).isEqualTo(ClusterState.TERMINATED);
    }

    @Test
    void aMissingClusterIsNotFound() {
        DatabricksApiException e =
                catchThrowableOfType(DatabricksApiException.class, () -> client.getCluster("0101-nope"));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(e.kind()).isEqualTo(ErrorKind.RESOURCE_DOES_NOT_EXIST);
        assertThat(e.kind().is(ErrorKind.NOT_FOUND)).isTrue();
        assertThat(e.serverMessage()).contains("0101-nope");
    }

    @Test
    void startGoesPendingThenRunning() throws Exception {
        client.startCluster(STOPPED);
        ClusterDetails starting = client.getCluster(STOPPED);
        assertThat(starting.state()).isEqualTo(ClusterState.PENDING);
        assertThat(starting.state().settling()).isTrue();
        time.advance(Duration.ofSeconds(31));
        assertThat(client.getCluster(STOPPED).state()).isEqualTo(ClusterState.RUNNING);
    }

    @Test
    void restartGoesRestartingThenRunning() throws Exception {
        client.restartCluster(RUNNING);
        assertThat(client.getCluster(RUNNING).state()).isEqualTo(ClusterState.RESTARTING);
        time.advance(Duration.ofSeconds(41));
        assertThat(client.getCluster(RUNNING).state()).isEqualTo(ClusterState.RUNNING);
        assertThat(emulator.cluster(RUNNING).restartCount()).isEqualTo(1);
    }

    @Test
    void callsInTheWrongStateAreInvalidState() {
        DatabricksApiException restart =
                catchThrowableOfType(DatabricksApiException.class, () -> client.restartCluster(STOPPED));
        assertThat(restart.statusCode()).isEqualTo(400);
        assertThat(restart.kind()).isEqualTo(ErrorKind.INVALID_STATE);
        assertThat(restart.kind().is(ErrorKind.BAD_REQUEST)).isTrue();
        assertThat(restart.hint()).contains("RUNNING");
        DatabricksApiException start =
                catchThrowableOfType(DatabricksApiException.class, () -> client.startCluster(RUNNING));
        assertThat(start.kind()).isEqualTo(ErrorKind.INVALID_STATE);
        assertThat(start.serverMessage()).contains("unexpected state Running");
    }

    @Test
    void theDocumentedNoOpReadingAlsoWorks() throws Exception {
        emulator.settings().wrongStateCall(Settings.WrongStateCall.NO_OP);
        client.restartCluster(STOPPED);
        assertThat(client.getCluster(STOPPED).state()).isEqualTo(ClusterState.TERMINATED);
    }

    @Test
    void aJobClusterCannotBeStartedOrRestartedByHand() {
        DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, () -> client.restartCluster(JOB));
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_PARAMETER_VALUE);
        assertThat(e.serverMessage()).contains("job cluster");
    }

    @Test
    void aRestartIsNeverRepeatedOnceItMayHaveReachedTheServer() {
        try (Rest2Client retrying = clientWith(ManualRetry.policy(time).build())) {
            emulator.faults().forPath("/api/2.1/clusters/restart").loseResponseAfterSuccess();
            DatabricksApiException e =
                    catchThrowableOfType(DatabricksApiException.class, () -> retrying.restartCluster(RUNNING));
            assertThat(e.statusCode()).isZero();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.kind()).isEqualTo(ErrorKind.NO_ANSWER);
            assertThat(e.hint()).contains("Not retried");
            assertThat(emulator.cluster(RUNNING).restartCount()).isEqualTo(1);
        }
    }

    @Test
    void aStartIsRetriedWhenTheServerSaysItDidNothing() throws Exception {
        try (Rest2Client retrying = clientWith(ManualRetry.policy(time).build())) {
            emulator.faults().forPath("/api/2.1/clusters/start").temporarilyUnavailable(3);
            retrying.startCluster(STOPPED);
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3));
            assertThat(retrying.getCluster(STOPPED).state()).isEqualTo(ClusterState.PENDING);
        }
    }
}
