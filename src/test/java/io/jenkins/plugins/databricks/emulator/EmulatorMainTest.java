package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmulatorMainTest {

    @Test
    void standaloneStartsWithThreeDemoClustersAVolumeAndAnAllowlistAndServesBothFaces() {
        try (DatabricksEmulator emulator = EmulatorMain.start(0, 5);
                EmulatorHttp http = new EmulatorHttp(emulator)) {
            assertThat(emulator.clusters())
                    .extracting(EmulatedCluster::state)
                    .containsExactly(ClusterState.RUNNING, ClusterState.RUNNING, ClusterState.TERMINATED);
            assertThat(emulator.url()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(http.get("clusters/list").json()).hasSize(3);
            assertThat(emulator.clusters())
                    .extracting(EmulatedCluster::accessMode)
                    .containsExactly(AccessMode.USER_ISOLATION, AccessMode.SINGLE_USER, AccessMode.USER_ISOLATION);
            assertThat(emulator.cluster("0101-120000-demo2").singleUserName())
                    .isEqualTo(emulator.settings().defaultUserName());
            assertThat(http.head2("/api/2.0/fs/directories/Volumes/main/default/libs/jars")
                            .status())
                    .isEqualTo(200);
            assertThat(http.get2("/api/2.1/unity-catalog/artifact-allowlists/LIBRARY_JAR")
                            .json()
                            .get("artifact_matchers")
                            .get(0)
                            .get("artifact")
                            .asText())
                    .isEqualTo("/Volumes/main/default/libs/jars/");
            assertThat(http.get2("/api/2.1/clusters/list", "filter_by.cluster_states", "TERMINATED")
                            .json()
                            .get("clusters"))
                    .hasSize(1);
        }
    }
}
