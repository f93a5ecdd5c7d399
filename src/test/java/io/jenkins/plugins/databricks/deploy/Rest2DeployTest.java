package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only REST 2.x has: volumes and their privileges, the allowlist, access modes, job clusters, 409s. */
class Rest2DeployTest {

    @TempDir
    Path workspace;

    EmulatorHarness h;

    @BeforeEach
    void start() {
        h = new EmulatorHarness(workspace, Backend.REST_2);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void smoke() throws Exception {
        h.jar("1.0.0");
        DeployReport first = h.deploy(h.spec("etl"));
        System.out.println(h.logText());
        assertThat(first.outcome()).isEqualTo(Outcome.DEPLOYED);
        h.jar("1.1.0");
        h.log.clear();
        DeployReport second = h.deploy(h.spec("etl", "ml").smokeCommand("// emulator: print=ok"));
        System.out.println(h.logText());
        System.out.println(h.mutations());
        assertThat(second.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.statusOn(second.library().id(), RUNNING_1)).isEqualTo("INSTALLED");
    }
}
