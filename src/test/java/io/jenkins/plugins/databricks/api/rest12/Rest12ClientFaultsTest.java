package io.jenkins.plugins.databricks.api.rest12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.DatabricksApiException;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.ManualRetry;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import io.jenkins.plugins.databricks.emulator.Settings;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault the emulator offers, through real HTTP: what is retried (reads, and writes only when the request never
 * reached the server or the server said "try again"), how long the client waits (a fake clock, no real sleeps), and
 * what the error says. No message ever carries the token.
 */
class Rest12ClientFaultsTest {

    private static final String CLUSTER = "0101-000000-run1";

    private DatabricksEmulator emulator;
    private ManualClock time;
    private Rest12Client client;

    @BeforeEach
    void start() {
        emulator = DatabricksEmulator.start();
        emulator.addCluster(CLUSTER, "etl", ClusterState.RUNNING);
        time = new ManualClock();
        client = client(ManualRetry.policy(time).maxAttempts(3).build(), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    private Rest12Client client(RetryPolicy policy, Duration responseTimeout) {
        return HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(policy)
                .responseTimeout(responseTimeout)
                .build(Rest12Client::new);
    }

    private List<Integer> statuses(String endpoint) {
        return emulator.journal().forEndpoint(endpoint).stream()
                .map(JournalEntry::status)
                .toList();
    }

    private DatabricksApiException failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        DatabricksApiException e = catchThrowableOfType(DatabricksApiException.class, call);
        assertThat(e).as("expected a DatabricksApiException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(emulator.token());
        return e;
    }

    private String upload(String name) throws Exception {
        return client.uploadLibrary(LibraryUpload.jar("/libs", name, UploadSource.of(name, new byte[1000])));
    }

    // ---------------------------------------------------------------------------------------------- 429 / 503

    @Test
    void rateLimitedReadWaitsRetryAfterThenSucceeds() throws Exception {
        emulator.faults().forPath("clusters/list").times(2).tooManyRequests(7);
        assertThat(client.listClusters()).hasSize(1);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(statuses("clusters/list")).containsExactly(429, 429, 200);
    }

    @Test
    void theRetryListenerHearsWhyAndHowLong() throws Exception {
        List<String> heard = new java.util.ArrayList<>();
        emulator.faults().forPath("clusters/list").tooManyRequests(3);
        emulator.faults().forPath("clusters/list").dropConnection();
        try (Rest12Client listened = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(ManualRetry.policy(time).build())
                .retryListener((endpoint, attempt, delay, reason) ->
                        heard.add(endpoint + " #" + attempt + " " + delay.toSeconds() + "s " + reason))
                .build(Rest12Client::new)) {
            assertThat(listened.listClusters()).hasSize(1);
        }
        assertThat(heard).hasSize(2);
        assertThat(heard.get(0))
                .isEqualTo("GET /api/1.2/clusters/list #1 3s HTTP 429: Your request was rejected due to API rate"
                        + " limiting. Please retry your request later.");
        assertThat(heard.get(1)).startsWith("GET /api/1.2/clusters/list #2 2s NoHttpResponseException");
        assertThat(heard).noneMatch(line -> line.contains(emulator.token()));
    }

    @Test
    void rateLimitedUploadIsRetriedAndUploadsOnce() throws Exception {
        emulator.faults().forPath("libraries/upload").tooManyRequests(1);
        String id = upload("app.jar");
        assertThat(emulator.library(id).sizeBytes()).isEqualTo(1000);
        assertThat(statuses("libraries/upload")).containsExactly(429, 200);
        assertThat(emulator.journal().mutationCalls()).containsExactly("POST libraries/upload");
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void gatewayUnavailableIsRetriedWithExponentialBackoffForWrites() throws Exception {
        emulator.faults().forPath("libraries/attach").times(2).gatewayUnavailable();
        String id = upload("app.jar");
        client.attachLibrary(id, CLUSTER);
        assertThat(statuses("libraries/attach")).containsExactly(503, 503, 200);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void persistentUnavailabilityGivesUpAfterTheAttemptBudget() {
        emulator.faults().forAll().always().gatewayUnavailable();
        DatabricksApiException e = failure(client::listLibraries);
        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.serverMessage()).contains("No webapps are available");
        assertThat(e.getMessage()).contains("(3 attempts)");
        assertThat(emulator.journal().size()).isEqualTo(3);
    }

    @Test
    void retriesStopAtTheTotalTimeBudget() {
        emulator.faults().forAll().always().tooManyRequests(30);
        try (Rest12Client bounded = client(
                ManualRetry.policy(time)
                        .maxAttempts(10)
                        .maxTotalTime(Duration.ofSeconds(45))
                        .build(),
                Duration.ofSeconds(5))) {
            DatabricksApiException e = failure(bounded::listClusters);
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
        }
    }

    // ---------------------------------------------------------------------------------------------- 500 HTML

    @Test
    void htmlServerErrorIsRetriedForReads() throws Exception {
        emulator.faults().forPath("libraries/list").internalErrorHtml();
        assertThat(client.listLibraries()).isEmpty();
        assertThat(statuses("libraries/list")).containsExactly(500, 200);
    }

    @Test
    void htmlServerErrorIsNotRetriedForWritesAndIsReducedToItsReason() {
        emulator.faults().forPath("clusters/restart").always().internalErrorHtml();
        DatabricksApiException e = failure(() -> client.restartCluster(CLUSTER));
        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.serverMessage()).isEqualTo("Server Error");
        assertThat(e.getMessage()).doesNotContain("<");
        assertThat(emulator.cluster(CLUSTER).restartCount()).isZero();
    }

    @Test
    void v1ApisDisabledExplainsWhatItMeans() {
        emulator.faults().forPath("libraries/upload").v1ApisDisabled();
        DatabricksApiException e = failure(() -> upload("app.jar"));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.serverMessage())
                .isEqualTo("The V1 APIs for clusters and libraries are disabled. Please use the V2 APIs.");
        assertThat(e.hint()).contains("REST 1.2").contains("disabled");
        assertThat(e.attempts()).isEqualTo(1);
    }

    // ---------------------------------------------------------------------------------------------- timeouts

    @Test
    void slowReadIsRetriedAfterTheResponseTimeout() throws Exception {
        emulator.faults().forPath("clusters/list").latency(Duration.ofMillis(1500));
        try (Rest12Client impatient =
                client(ManualRetry.policy(time).maxAttempts(3).build(), Duration.ofMillis(300))) {
            assertThat(impatient.listClusters()).hasSize(1);
        }
        assertThat(time.sleeps()).hasSize(1);
    }

    @Test
    void slowWriteIsNotRetriedBecauseItMayHaveTakenEffect() {
        emulator.faults().forPath("contexts/create").latency(Duration.ofMillis(1500));
        try (Rest12Client impatient =
                client(ManualRetry.policy(time).maxAttempts(3).build(), Duration.ofMillis(300))) {
            DatabricksApiException e = failure(() -> impatient.createContext(CLUSTER, Language.SCALA));
            assertThat(e.statusCode()).isZero();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.getMessage()).contains("no answer within the response timeout of 300 ms");
            assertThat(e.hint()).contains("Not retried").contains("may already have reached the server");
        }
        assertThat(time.sleeps()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- dropped
    // connections

    @Test
    void droppedConnectionIsRetriedForReads() throws Exception {
        emulator.faults().forPath("libraries/list").dropConnection();
        assertThat(client.listLibraries()).isEmpty();
        assertThat(statuses("libraries/list")).containsExactly(JournalEntry.NO_RESPONSE, 200);
    }

    @Test
    void droppedConnectionIsNotRetriedForAnUnsafeWrite() {
        emulator.faults().forPath("clusters/delete").dropConnection();
        DatabricksApiException e = failure(() -> client.deleteCluster(CLUSTER));
        assertThat(e.statusCode()).isZero();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.endpoint()).isEqualTo("POST /api/1.2/clusters/delete");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void connectionDroppedMidUploadFailsWithoutRetryAndTheClientRecovers() throws Exception {
        emulator.faults().forPath("libraries/upload").dropDuringUpload(64 * 1024);
        byte[] jar = new byte[4 * 1024 * 1024];
        DatabricksApiException e = failure(
                () -> client.uploadLibrary(LibraryUpload.jar("/libs", "big.jar", UploadSource.of("big.jar", jar))));
        assertThat(e.statusCode()).isZero();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.hint()).contains("Not retried");
        assertThat(emulator.libraries()).isEmpty();
        assertThat(statuses("libraries/upload")).containsExactly(JournalEntry.NO_RESPONSE);
        // The broken connection is not reused.
        assertThat(client.listLibraries()).isEmpty();
    }

    @Test
    void lostAnswerToAnAttachIsRetriedBecauseAttachingTwiceIsHarmless() throws Exception {
        String id = upload("app.jar");
        emulator.faults().forPath("libraries/attach").loseResponseAfterSuccess();
        client.attachLibrary(id, CLUSTER);
        assertThat(statuses("libraries/attach")).containsExactly(JournalEntry.NO_RESPONSE, 200);
        assertThat(client.libraryStatus(id).statusOn(CLUSTER)).contains(LibraryAttachStatus.ATTACHED);
    }

    @Test
    void lostAnswerToAnUploadIsNotRetriedSoTheLibraryExistsOnce() {
        emulator.faults().forPath("libraries/upload").loseResponseAfterSuccess();
        DatabricksApiException e = failure(() -> upload("app.jar"));
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.hint()).contains("check the workspace");
        assertThat(emulator.libraries()).hasSize(1);
    }

    @Test
    void refusedConnectionIsRetriedThenReported() {
        String url = emulator.url();
        emulator.close();
        try (Rest12Client offline = HttpTransport.builder(url)
                .auth(Auth.bearer("dapi-offline-secret"))
                .retryPolicy(ManualRetry.policy(time).maxAttempts(3).build())
                .build(Rest12Client::new)) {
            DatabricksApiException e =
                    catchThrowableOfType(DatabricksApiException.class, () -> offline.restartCluster(CLUSTER));
            assertThat(e.statusCode()).isZero();
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.getMessage())
                    .contains("could not connect to 127.0.0.1")
                    .doesNotContain("dapi-offline");
            assertThat(e.hint()).contains("workspace URL");
        }
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void interruptionWhileWaitingToRetryStopsTheCall() {
        emulator.faults().forAll().always().gatewayUnavailable();
        try (Rest12Client interrupted = client(
                ManualRetry.policy(time)
                        .sleeper(d -> {
                            throw new InterruptedException("build aborted");
                        })
                        .build(),
                Duration.ofSeconds(5))) {
            InterruptedIOException e = catchThrowableOfType(InterruptedIOException.class, interrupted::listClusters);
            assertThat(e).hasMessageContaining("interrupted while waiting to retry");
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    // ---------------------------------------------------------------------------------------------- auth

    @ParameterizedTest
    @EnumSource(Settings.ForbiddenStyle.class)
    void expiredTokenIs403WithAHint(Settings.ForbiddenStyle style) {
        emulator.settings().forbiddenStyle(style);
        String oldToken = emulator.token();
        emulator.expireToken();
        DatabricksApiException e = failure(client::listClusters);
        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.serverMessage()).isEqualTo("Invalid access token.");
        assertThat(e.hint()).contains("expired");
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.getMessage()).doesNotContain(oldToken);
    }
}
