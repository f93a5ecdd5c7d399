package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClustersApiTest {

    private final ManualClock clock = new ManualClock();

    @RegisterExtension
    final EmulatorApi api = new EmulatorApi()
            .settings(s -> s.clock(clock))
            .cluster("1234-567890-run1", "shared", ClusterState.RUNNING)
            .cluster("1234-567890-off1", "idle", ClusterState.TERMINATED);

    @Test
    void listIsABareArrayOfClustersWithTheirStatus() {
        EmulatorHttp.Response r = api.http().get("clusters/list");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json()).hasSize(2);
        assertThat(r.json().get(0).get("id").asText()).isEqualTo("1234-567890-run1");
        assertThat(r.json().get(0).get("name").asText()).isEqualTo("shared");
        assertThat(r.json().get(0).get("status").asText()).isEqualTo("Running");
        assertThat(r.json().get(0).get("numWorkers").asInt()).isEqualTo(2);
        assertThat(r.json().get(0).has("driverIp")).isTrue();
        assertThat(r.json().get(1).get("status").asText()).isEqualTo("Terminated");
    }

    @Test
    void statusOfOneClusterAndOfAnUnknownOne() {
        assertThat(api.http()
                        .get("clusters/status", "clusterId", "1234-567890-off1")
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("Terminated");

        EmulatorHttp.Response unknown = api.http().get("clusters/status", "clusterId", "nope");
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.json().get("error").asText()).startsWith("NoSuchElementException: ");
    }

    @Test
    void restartOfARunningClusterPassesThroughPendingForTheConfiguredTime() {
        api.emulator().settings().restartDuration(Duration.ofSeconds(30));

        EmulatorHttp.Response r = api.http().postJson("clusters/restart", Map.of("clusterId", "1234-567890-run1"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo("1234-567890-run1");
        assertThat(status("1234-567890-run1")).isEqualTo("Pending");
        clock.advance(Duration.ofSeconds(29));
        assertThat(status("1234-567890-run1")).isEqualTo("Pending");
        clock.advance(Duration.ofSeconds(1));
        assertThat(status("1234-567890-run1")).isEqualTo("Running");
        assertThat(api.emulator().cluster("1234-567890-run1").restartCount()).isEqualTo(1);
    }

    @Test
    void restartOfATerminatedClusterStartsIt() {
        api.http().postForm("clusters/restart", "clusterId", "1234-567890-off1");

        assertThat(status("1234-567890-off1")).isEqualTo("Pending");
        clock.advance(api.emulator().settings().restartDuration());
        assertThat(status("1234-567890-off1")).isEqualTo("Running");
    }

    @Test
    void deleteTerminatesThroughTerminating() {
        EmulatorHttp.Response r = api.http().postForm("clusters/delete", "clusterId", "1234-567890-run1");

        assertThat(r.json().get("id").asText()).isEqualTo("1234-567890-run1");
        assertThat(status("1234-567890-run1")).isEqualTo("Terminating");
        clock.advance(api.emulator().settings().terminateDuration());
        assertThat(status("1234-567890-run1")).isEqualTo("Terminated");
        assertThat(api.emulator().journal().mutationCalls()).containsExactly("POST clusters/delete");
    }

    @Test
    void wrongMethodAndUnknownEndpointAreRefused() {
        assertThat(api.http()
                        .get("clusters/restart", "clusterId", "1234-567890-run1")
                        .status())
                .isEqualTo(405);
        assertThat(api.http().get("clusters/frobnicate").status()).isEqualTo(404);
        assertThat(status("1234-567890-run1")).isEqualTo("Running");
    }

    @Test
    void missingParameterIsA400NamingIt() {
        EmulatorHttp.Response r = api.http().postForm("clusters/restart");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("clusterId");
    }

    private String status(String id) {
        return api.http()
                .get("clusters/status", "clusterId", id)
                .json()
                .get("status")
                .asText();
    }
}
