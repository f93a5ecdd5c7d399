package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultsTest {

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi().cluster("c1", "one", ClusterState.RUNNING);

    private EmulatorHttp.Response upload(String name) {
        return api.http().postMultipart("libraries/upload", Jars.upload(name, "java-jar", "/libs", new byte[100_000]));
    }

    @Test
    void tooManyRequestsForTheNextNCallsOfOneEndpointWithRetryAfter() {
        api.emulator().faults().forPath("libraries/upload").times(2).tooManyRequests(7);

        EmulatorHttp.Response first = upload("a.jar");
        assertThat(api.http().get("clusters/list").status())
                .as("other endpoints are unaffected")
                .isEqualTo(200);
        EmulatorHttp.Response second = upload("a.jar");
        EmulatorHttp.Response third = upload("a.jar");

        assertThat(first.status()).isEqualTo(429);
        assertThat(first.header("Retry-After")).isEqualTo("7");
        assertThat(first.json().get("error_code").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(second.status()).isEqualTo(429);
        assertThat(third.status())
                .as("the faulted uploads took no effect: no name conflict")
                .isEqualTo(200);
        assertThat(api.emulator().libraries()).hasSize(1);
        assertThat(api.emulator().faults().armed()).isZero();
        assertThat(api.emulator().journal().entries())
                .extracting(JournalEntry::fault)
                .containsExactly("TOO_MANY_REQUESTS", null, "TOO_MANY_REQUESTS", null);
    }

    @Test
    void gatewayUnavailableAlwaysUntilCleared() {
        api.emulator().faults().forAll().always().gatewayUnavailable();

        EmulatorHttp.Response r1 = api.http().get("clusters/list");
        EmulatorHttp.Response r2 = api.http().postForm("clusters/delete", "clusterId", "c1");
        api.emulator().faults().clear();

        assertThat(r1.status()).isEqualTo(503);
        assertThat(r1.body()).isEqualTo("No webapps are available to handle your request. Please try again later.");
        assertThat(r2.status()).isEqualTo(503);
        assertThat(api.emulator().cluster("c1").state()).isEqualTo(ClusterState.RUNNING);
        assertThat(api.http().get("clusters/list").status()).isEqualTo(200);
    }

    @Test
    void internalErrorIsAnHtmlPage() {
        api.emulator().faults().forPath("/api/1.2/clusters/list").internalErrorHtml();

        EmulatorHttp.Response r = api.http().get("clusters/list");

        assertThat(r.status()).isEqualTo(500);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        assertThat(r.body()).contains("HTTP ERROR 500");
    }

    @Test
    void v1ApisDisabledIsA400HtmlPage() {
        api.emulator().faults().forAll().v1ApisDisabled();

        EmulatorHttp.Response r = api.http().get("libraries/list");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("The V1 APIs for clusters and libraries are disabled. Please use the V2 APIs.");
    }

    @Test
    void latencyDelaysButAnswersNormally() {
        api.emulator().faults().forPath("clusters/list").latency(Duration.ofMillis(50));

        EmulatorHttp.Response r = api.http().get("clusters/list");

        assertThat(r.status()).isEqualTo(200);
        assertThat(api.emulator().journal().last().fault()).isEqualTo("LATENCY");
    }

    @Test
    void droppedConnectionAnswersNothingAndChangesNothing() {
        api.emulator().faults().forPath("clusters/delete").dropConnection();

        assertThatThrownBy(() -> api.http().postForm("clusters/delete", "clusterId", "c1"))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(api.emulator().cluster("c1").state()).isEqualTo(ClusterState.RUNNING);
        assertThat(api.emulator().journal().last().status()).isEqualTo(JournalEntry.NO_RESPONSE);
        assertThat(api.emulator().journal().mutations()).isEmpty();
    }

    @Test
    void connectionDroppedMidUploadStoresNoLibrary() {
        api.emulator().faults().forPath("libraries/upload").dropDuringUpload(1024);

        assertThatThrownBy(() -> upload("a.jar")).isInstanceOf(UncheckedIOException.class);

        assertThat(api.emulator().libraries()).isEmpty();
        assertThat(api.emulator().journal().last().fault()).isEqualTo("DROP_DURING_UPLOAD");
        assertThat(upload("a.jar").status()).isEqualTo(200);
    }

    @Test
    void responseLostAfterSuccessMutatesButTheClientSeesADrop() {
        api.emulator().faults().forPath("libraries/upload").loseResponseAfterSuccess();

        assertThatThrownBy(() -> upload("a.jar")).isInstanceOf(UncheckedIOException.class);

        assertThat(api.emulator().libraries()).hasSize(1);
        assertThat(api.emulator().journal().mutations()).hasSize(1);
        assertThat(api.emulator().journal().last().status()).isEqualTo(JournalEntry.NO_RESPONSE);
        EmulatorHttp.Response retry = upload("a.jar");
        assertThat(retry.status())
                .as("a blind retry meets its own first attempt")
                .isEqualTo(500);
        assertThat(retry.json().get("error").asText()).startsWith("NameConflictException");
    }
}
