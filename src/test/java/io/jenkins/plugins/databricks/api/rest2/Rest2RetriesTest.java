package io.jenkins.plugins.databricks.api.rest2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.ErrorKind;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ManualRetry;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and limits of the shared transport on the 2.x face, with the emulator's faults and a manual clock. */
class Rest2RetriesTest {

    private static final String CLUSTER = "0101-000000-run1";

    private DatabricksEmulator emulator;
    private ManualClock time;

    @BeforeEach
    void start() {
        emulator = DatabricksEmulator.start();
        time = new ManualClock();
        emulator.settings().clock(time);
        emulator.addCluster(CLUSTER, "etl", ClusterState.RUNNING);
        emulator.addVolume("main", "ci", "libs");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private Rest2Client client(RetryPolicy retries) {
        return HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(retries)
                .build(Rest2Client::new);
    }

    @Test
    void rateLimitedCallsWaitAsRetryAfterSaysInSeconds() throws Exception {
        try (Rest2Client c = client(ManualRetry.policy(time).build())) {
            emulator.faults().forPath("/api/2.1/clusters/get").times(2).tooManyRequests(7);
            assertThat(c.getCluster(CLUSTER).state())
                    .isEqualTo(io.jenkins.plugins.databricks.api.rest2.ClusterState.RUNNING);
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        }
    }

    @Test
    void rateLimitedCallsWaitUntilAnHttpDate() throws Exception {
        try (Rest2Client c = client(ManualRetry.policy(time).build())) {
            emulator.faults().forPath("/api/2.0/libraries/install").tooManyRequestsRetryAfterDate(12);
            c.installLibraries(CLUSTER, List.of(Library.jar("/Volumes/main/ci/libs/a.jar")));
            assertThat(time.sleeps())
                    .singleElement()
                    .satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(11), Duration.ofSeconds(12)));
        }
    }

    @Test
    void withoutRetryAfterTheBackoffGrows() throws Exception {
        try (Rest2Client c = client(ManualRetry.policy(time).build())) {
            emulator.faults().forPath("/api/2.1/clusters/list").times(3).tooManyRequestsWithoutRetryAfter();
            assertThat(c.listClusters()).hasSize(1);
            assertThat(time.sleeps())
                    .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        }
    }

    @Test
    void unavailableIsRetriedEvenForARestartWhichOtherwiseNeverIs() throws Exception {
        List<String> heard = new ArrayList<>();
        try (Rest2Client c = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(ManualRetry.policy(time).build())
                .retryListener(
                        (endpoint, attempt, delay, reason) -> heard.add(endpoint + " #" + attempt + " " + reason))
                .build(Rest2Client::new)) {
            emulator.faults().forPath("/api/2.1/clusters/restart").temporarilyUnavailable(2);
            c.restartCluster(CLUSTER);
        }
        assertThat(emulator.cluster(CLUSTER).restartCount()).isEqualTo(1);
        assertThat(heard).singleElement().asString().startsWith("POST /api/2.1/clusters/restart #1 HTTP 503");
    }

    @Test
    void aServerErrorIsRetriedForAReadButNotForAStart() throws Exception {
        emulator.addCluster("0101-000000-off2", "idle", ClusterState.TERMINATED);
        try (Rest2Client c = client(ManualRetry.policy(time).build())) {
            emulator.faults().forPath("/api/2.1/clusters/get").internalError();
            assertThat(c.getCluster(CLUSTER).clusterId()).isEqualTo(CLUSTER);
            emulator.faults().forPath("/api/2.1/clusters/start").internalError();
            DatabricksApiException e =
                    catchThrowableOfType(DatabricksApiException.class, () -> c.startCluster("0101-000000-off2"));
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.kind().is(ErrorKind.INTERNAL_ERROR)).isTrue();
        }
    }

    @Test
    void aDroppedReadIsRetriedAndTheAttemptsAreBounded() {
        try (Rest2Client c = client(ManualRetry.policy(time).maxAttempts(3).build())) {
            emulator.faults()
                    .forPath("/api/2.0/libraries/all-cluster-statuses")
                    .always()
                    .dropConnection();
            DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, c::allClusterLibraryStatuses);
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.kind()).isEqualTo(ErrorKind.NO_ANSWER);
            assertThat(emulator.journal().calls()).hasSize(3);
        }
    }

    @Test
    void theTotalTimeBoundsTheRetries() {
        try (Rest2Client c = client(
                ManualRetry.policy(time).maxTotalTime(Duration.ofSeconds(20)).build())) {
            emulator.faults().forPath("/api/2.0/preview/scim/v2/Me").always().tooManyRequests(15);
            DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, c::currentUser);
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.kind().is(ErrorKind.TOO_MANY_REQUESTS)).isTrue();
            assertThat(e.hint()).contains("rate-limiting");
        }
    }

    @Test
    void aSignInPageInsteadOfJsonGetsTheUsualHint() {
        try (Rest2Client lost = HttpTransport.builder(emulator.url() + "/o/123")
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.none())
                .build(Rest2Client::new)) {
            DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, lost::listClusters);
            assertThat(e.statusCode()).isEqualTo(200);
            assertThat(e.serverMessage()).contains("web page").contains("Sign In");
            assertThat(e.hint()).contains("workspace URL");
        }
    }

    @Test
    void anOversizedListingIsRefusedNotParsed() throws Exception {
        for (int i = 0; i < 40; i++) {
            emulator.addCluster(
                    "0101-000000-x" + i, "cluster-with-a-long-name-" + "x".repeat(40) + i, ClusterState.RUNNING);
        }
        emulator.settings().clusterPageSize(100);
        try (Rest2Client small = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.none())
                .maxResponseBytes(2048)
                .build(Rest2Client::new)) {
            DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, small::listClusters);
            assertThat(e.serverMessage()).contains("too large");
        }
    }
}
