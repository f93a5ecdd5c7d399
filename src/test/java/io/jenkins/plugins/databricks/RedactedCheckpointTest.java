package io.jenkins.plugins.databricks;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.deploy.DeployCheckpoint;
import io.jenkins.plugins.databricks.deploy.DeployReport.SmokeReport;
import io.jenkins.plugins.databricks.deploy.RemoteLibrary;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A checkpoint saved with the build crosses the same redaction boundary as the report: smoke output may hold a token. */
class RedactedCheckpointTest {

    @Test
    void theSmokeOutputAndTheFailureInACheckpointAreRedactedBeforeTheyAreStored() {
        String token = "dapi0123456789abcdef0123456789abcdef";
        RedactingOutput output = RedactingOutput.of(WorkspaceAuth.bearer(token));
        AtomicReference<DeployCheckpoint> stored = new AtomicReference<>();
        DeployCheckpoint checkpoint = new DeployCheckpoint(
                DeployCheckpoint.Phase.ROLLING_BACK,
                "https://host (REST 1.2)",
                "app-1.1.0.jar",
                "target/app-1.1.0.jar",
                1234,
                "0".repeat(64),
                List.of(new DeployCheckpoint.Target("0101-a", "etl", "Running", List.of("1"), true, false)),
                List.of(),
                List.of(),
                new RemoteLibrary("2", "app-1.1.0.jar", "/Shared/jenkins", 2, 1234),
                false,
                List.of("0101-a"),
                List.of(),
                List.of("0101-a"),
                List.of(new SmokeReport("0101-a", "FAILED", "error", "printed " + token, 10, "failed")),
                List.of(),
                List.of("0101-a/77"),
                List.of(),
                "Smoke command FAILED on etl: token " + token);

        output.checkpoints(stored::set).save(checkpoint);

        assertThat(stored.get().toJson()).doesNotContain(token);
        assertThat(stored.get().smoke().get(0).output()).startsWith("printed ").doesNotContain(token);
        assertThat(stored.get().library()).isEqualTo(checkpoint.library());
        assertThat(stored.get().targets()).isEqualTo(checkpoint.targets());
        assertThat(stored.get().openRuns()).containsExactly("0101-a/77");
    }
}
