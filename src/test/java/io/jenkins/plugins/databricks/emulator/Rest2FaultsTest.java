package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every fault on the 2.x face, and the journal of 2.x calls. */
class Rest2FaultsTest {

    private static final String CLUSTER = "0101-000000-run";
    private static final String VOL = "/Volumes/main/default/libs";
    private static final String FILE = "/api/2.0/fs/files" + VOL + "/app.jar";
    private static final String INSTALL = "/api/2.0/libraries/install";

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi()
            .settings(s -> s.clock(clock))
            .volume("main", "default", "libs")
            .with(e -> e.addCluster(CLUSTER, "run", ClusterState.RUNNING)
                    .singleUser(e.settings().defaultUserName()));

    private Faults faults() {
        return api.emulator().faults();
    }

    private EmulatorHttp.Response install() {
        return api.http()
                .post2(INSTALL, Map.of("cluster_id", CLUSTER, "libraries", List.of(Map.of("jar", VOL + "/app.jar"))));
    }

    private EmulatorHttp.Response upload(String query) {
        return api.http().put2(FILE + query, new byte[200_000]);
    }

    @Test
    void tooManyRequestsHasTheRest2BodyAndRetryAfterInSecondsOrAsADateOrNone() {
        faults().forPath(INSTALL).tooManyRequests(7);
        faults().forPath(INSTALL).tooManyRequestsRetryAfterDate(30);
        faults().forPath(INSTALL).tooManyRequestsWithoutRetryAfter();

        EmulatorHttp.Response seconds = install();
        EmulatorHttp.Response date = install();
        EmulatorHttp.Response none = install();

        assertThat(seconds.status()).isEqualTo(429);
        assertThat(seconds.header("Retry-After")).isEqualTo("7");
        assertThat(seconds.json().get("error_code").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(seconds.json().get("details").get(0).get("request_id").asText())
                .isNotBlank();
        assertThat(Instant.from(
                        DateTimeFormatter.RFC_1123_DATE_TIME.parse(date.header("Retry-After"), ZonedDateTime::from)))
                .isEqualTo(clock.instant().plusSeconds(30));
        assertThat(none.status()).isEqualTo(429);
        assertThat(none.header("Retry-After")).isNull();
        assertThat(api.emulator().journal().mutations())
                .as("no faulted install took effect")
                .isEmpty();
        assertThat(install().status()).isEqualTo(200);
    }

    @Test
    void temporarilyUnavailableAndInternalErrorAreJson() {
        faults().forPath("/api/2.1/clusters/get").temporarilyUnavailable(3);
        faults().forPath("/api/2.1/clusters/get").internalError();

        EmulatorHttp.Response unavailable = api.http().get2("/api/2.1/clusters/get", "cluster_id", CLUSTER);
        EmulatorHttp.Response internal = api.http().get2("/api/2.1/clusters/get", "cluster_id", CLUSTER);

        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.header("Retry-After")).isEqualTo("3");
        assertThat(unavailable.json().get("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(internal.status()).isEqualTo(500);
        assertThat(internal.json().get("error_code").asText()).isEqualTo("INTERNAL_ERROR");
    }

    @Test
    void theGatewayAndHtmlFaultsWorkOnRest2PathsToo() {
        faults().forPathPrefix("/api/2.0/fs/").gatewayUnavailable();
        faults().forPathPrefix("/api/2.0/fs/").internalErrorHtml();
        faults().forPathPrefix("/api/2.0/fs/").v1ApisDisabled();

        EmulatorHttp.Response gateway = upload("");
        EmulatorHttp.Response html = api.http().get2("/api/2.0/fs/directories" + VOL);
        EmulatorHttp.Response v1 = api.http().get2("/api/2.0/fs/directories" + VOL);

        assertThat(gateway.status()).isEqualTo(503);
        assertThat(gateway.body()).startsWith("No webapps are available");
        assertThat(api.emulator().file(VOL + "/app.jar")).isNull();
        assertThat(html.status()).isEqualTo(500);
        assertThat(html.header("Content-Type")).startsWith("text/html");
        assertThat(v1.status()).isEqualTo(400);
        assertThat(v1.body()).contains("Please use the V2 APIs.");
        assertThat(api.http().get2("/api/2.0/fs/directories" + VOL).status()).isEqualTo(200);
    }

    @Test
    void aRelativePathMatchesOnEveryFaceAndAFullPathOnlyItsOwn() {
        faults().forPath("clusters/get").times(2).internalError();
        faults().forPath("/api/2.1/clusters/list").internalError();

        assertThat(api.http()
                        .get2("/api/2.1/clusters/get", "cluster_id", CLUSTER)
                        .status())
                .isEqualTo(500);
        assertThat(api.http()
                        .get2("/api/2.0/clusters/get", "cluster_id", CLUSTER)
                        .status())
                .isEqualTo(500);
        assertThat(api.http().get2("/api/2.0/clusters/list").status()).isEqualTo(200);
        assertThat(api.http().get2("/api/2.1/clusters/list").status()).isEqualTo(500);
    }

    @Test
    void latencyDelaysAnUploadButStoresIt() {
        faults().forPathPrefix("/api/2.0/fs/files/").latency(Duration.ofMillis(50));

        assertThat(upload("").status()).isEqualTo(204);

        assertThat(api.emulator().file(VOL + "/app.jar")).isNotNull();
        assertThat(api.emulator().journal().last().fault()).isEqualTo("LATENCY");
    }

    @Test
    void aDroppedConnectionStoresNothing() {
        faults().forPathPrefix("/api/2.0/fs/files/").dropConnection();

        assertThatThrownBy(() -> upload("")).isInstanceOf(UncheckedIOException.class);

        assertThat(api.emulator().file(VOL + "/app.jar")).isNull();
        assertThat(api.emulator().journal().last().status()).isEqualTo(JournalEntry.NO_RESPONSE);
    }

    @Test
    void aConnectionDroppedMidUploadStoresNothingAndTheRetrySucceeds() {
        faults().forPathPrefix("/api/2.0/fs/files/").dropDuringUpload(64 * 1024);

        assertThatThrownBy(() -> upload("?overwrite=false")).isInstanceOf(UncheckedIOException.class);

        assertThat(api.emulator().file(VOL + "/app.jar")).isNull();
        assertThat(api.emulator().journal().last().fault()).isEqualTo("DROP_DURING_UPLOAD");
        assertThat(upload("?overwrite=false").status()).isEqualTo(204);
        assertThat(api.emulator().file(VOL + "/app.jar").sizeBytes()).isEqualTo(200_000);
    }

    @Test
    void anAnswerLostAfterSuccessLeavesTheFileAndABlindRetryMeets409() {
        faults().forPathPrefix("/api/2.0/fs/files/").loseResponseAfterSuccess();

        assertThatThrownBy(() -> upload("?overwrite=false")).isInstanceOf(UncheckedIOException.class);

        assertThat(api.emulator().file(VOL + "/app.jar")).isNotNull();
        assertThat(upload("?overwrite=false").status()).isEqualTo(409);
    }

    @Test
    void anInstallWhoseAnswerIsLostIsSafeToRepeat() {
        faults().forPath(INSTALL).loseResponseAfterSuccess();

        assertThatThrownBy(this::install).isInstanceOf(UncheckedIOException.class);
        EmulatorHttp.Response retry = install();

        assertThat(retry.status()).isEqualTo(200);
        assertThat(api.emulator().journal().mutations()).hasSize(1);
    }

    @Test
    void anExpiredTokenIs403OnTheRest2Face() {
        String old = api.emulator().token();
        api.emulator().expireToken();

        EmulatorHttp.Response r = api.http().get2("/api/2.0/libraries/all-cluster-statuses");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("message").asText()).isEqualTo("Invalid access token.");
        assertThat(api.http()
                        .authorization("Bearer " + api.emulator().token())
                        .get2("/api/2.0/libraries/all-cluster-statuses")
                        .status())
                .isEqualTo(200);
        assertThat(api.emulator().token()).isNotEqualTo(old);
    }

    @Test
    void unknownRest2EndpointsAre404InTheRest2ShapeAfterAuthentication() {
        EmulatorHttp.Response unknown = api.http().get2("/api/2.0/nothing/here");
        EmulatorHttp.Response anonymous = api.http().authorization(null).get2("/api/2.0/nothing/here");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error_code").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void theJournalHoldsRest2CallsWithoutCredentials() {
        upload("?overwrite=false");
        install();
        api.http().get2("/api/2.0/libraries/cluster-status", "cluster_id", CLUSTER);

        assertThat(api.emulator().journal().calls())
                .containsExactly("PUT " + FILE, "POST " + INSTALL, "GET /api/2.0/libraries/cluster-status");
        assertThat(api.emulator().journal().mutationCalls()).containsExactly("PUT " + FILE, "POST " + INSTALL);
        JournalEntry install = api.emulator().journal().entries().get(1);
        assertThat(install.param("cluster_id")).isEqualTo(CLUSTER);
        assertThat(install.param("libraries")).contains(VOL + "/app.jar");
        assertThat(api.emulator().journal().toString())
                .doesNotContain(api.emulator().token());
        assertThat(api.emulator().journal().entries())
                .allSatisfy(e -> assertThat(e.params().values()).noneMatch(v -> v.contains("dapi")));
    }
}
