package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClustersApiTest {

    private DatabricksEmulator emulator;
    private EmulatorHttp http;
    private final ManualClock clock = new ManualClock();

    @BeforeEach
    void start() {
        emulator = DatabricksEmulator.start();
        emulator.settings().clock(clock);
        emulator.addCluster("1234-567890-run1", "shared", ClusterState.RUNNING);
        emulator.addCluster("1234-567890-off1", "idle", ClusterState.TERMINATED);
        http = new EmulatorHttp(emulator);
    }

    @AfterEach
    void stop() {
        http.close();
        emulator.close();
    }

    @Test
    void listIsABareArrayOfClustersWithTheirStatus() {
        EmulatorHttp.Response r = http.get("clusters/list");

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
        assertThat(http.get("clusters/status", "clusterId", "1234-567890-off1")
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("Terminated");

        EmulatorHttp.Response unknown = http.get("clusters/status", "clusterId", "nope");
        assertThat(unknown.status()).isEqualTo(500);
        assertThat(unknown.json().get("error").asText()).startsWith("NoSuchElementException: ");
    }

    @Test
    void restartOfARunningClusterPassesThroughPendingForTheConfiguredTime() {
        emulator.settings().restartDuration(Duration.ofSeconds(30));

        EmulatorHttp.Response r = http.postJson("clusters/restart", Map.of("clusterId", "1234-567890-run1"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo("1234-567890-run1");
        assertThat(status("1234-567890-run1")).isEqualTo("Pending");
        clock.advance(Duration.ofSeconds(29));
        assertThat(status("1234-567890-run1")).isEqualTo("Pending");
        clock.advance(Duration.ofSeconds(1));
        assertThat(status("1234-567890-run1")).isEqualTo("Running");
        assertThat(emulator.cluster("1234-567890-run1").restartCount()).isEqualTo(1);
    }

    @Test
    void restartOfATerminatedClusterStartsIt() {
        http.postForm("clusters/restart", "clusterId", "1234-567890-off1");

        assertThat(status("1234-567890-off1")).isEqualTo("Pending");
        clock.advance(emulator.settings().restartDuration());
        assertThat(status("1234-567890-off1")).isEqualTo("Running");
    }

    @Test
    void deleteTerminatesThroughTerminating() {
        EmulatorHttp.Response r = http.postForm("clusters/delete", "clusterId", "1234-567890-run1");

        assertThat(r.json().get("id").asText()).isEqualTo("1234-567890-run1");
        assertThat(status("1234-567890-run1")).isEqualTo("Terminating");
        clock.advance(emulator.settings().terminateDuration());
        assertThat(status("1234-567890-run1")).isEqualTo("Terminated");
        assertThat(emulator.journal().mutationCalls()).containsExactly("POST clusters/delete");
    }

    @Test
    void wrongMethodAndUnknownEndpointAreRefused() {
        assertThat(http.get("clusters/restart", "clusterId", "1234-567890-run1").status())
                .isEqualTo(405);
        assertThat(http.get("clusters/frobnicate").status()).isEqualTo(404);
        assertThat(status("1234-567890-run1")).isEqualTo("Running");
    }

    @Test
    void missingParameterIsA400NamingIt() {
        EmulatorHttp.Response r = http.postForm("clusters/restart");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("clusterId");
    }

    private String status(String id) {
        return http.get("clusters/status", "clusterId", id).json().get("status").asText();
    }
}
