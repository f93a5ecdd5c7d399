package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void standaloneStartsWithThreeDemoClustersOneTerminatedAndServesWithItsToken() {
        try (DatabricksEmulator emulator = EmulatorMain.start(0, 5);
                EmulatorHttp http = new EmulatorHttp(emulator)) {
            assertThat(emulator.clusters())
                    .extracting(EmulatedCluster::state)
                    .containsExactly(ClusterState.RUNNING, ClusterState.RUNNING, ClusterState.TERMINATED);
            assertThat(emulator.url()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(http.get("clusters/list").json()).hasSize(3);
        }
    }
}
