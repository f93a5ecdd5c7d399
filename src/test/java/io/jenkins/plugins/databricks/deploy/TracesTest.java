package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_2;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys that were cut short where nothing could resume them (the emulator is left as they left it), then the next
 * deploy: its pre-flight names each mark with its repair in the log and the dry run, and the deploy repairs it.
 */
class TracesTest {

    @TempDir
    Path workspace;

    EmulatorHarness h;

    @BeforeEach
    void start() {
        h = new EmulatorHarness(workspace);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Stores the jar at {@code version} under the name the deploy would give it, as a cut-short upload leaves it. */
    private RemoteLibrary uploadOnly(String version, DeploySpec.Builder spec) throws Exception {
        h.jar(version);
        DeployPlan plan = h.deployer().plan(spec.build());
        return h.gateway.store(plan.spec().folder(), plan.libraryName(), plan.jar());
    }

    private List<String> dryRunPlan(DeploySpec.Builder spec) throws Exception {
        return h.deploy(spec.dryRun(true)).plan();
    }

    @Test
    void twoVersionsOnOneClusterAreNamedAndTheDeployLeavesOnlyTheNewOne() throws Exception {
        h.jar("1.0.0");
        String v1 = h.deploy(h.spec("etl")).library().id();
        RemoteLibrary v2 = uploadOnly("1.1.0", h.spec("etl"));
        h.gateway.install(v2, RUNNING_1); // the swap died after installing 1.1.0, before uninstalling 1.0.0
        h.jar("1.2.0");
        h.log.clear();

        assertThat(dryRunPlan(h.spec("etl")))
                .anyMatch(line -> line.startsWith(
                                "  repair: cluster etl (" + RUNNING_1 + ") has 2 versions of the" + " artifact (")
                        && line.contains("this deploy keeps app-1.2.0-"));
        assertThat(h.logText()).contains("Found the mark of a deploy that did not finish: cluster etl");

        DeployReport report = h.deploy(h.spec("etl"));
        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.emulator.library(report.library().id()).status(RUNNING_1))
                .isEqualTo(LibraryClusterStatus.ATTACHED);
        assertThat(h.emulator.library(v1).status(RUNNING_1)).isEqualTo(LibraryClusterStatus.DETACHED);
        assertThat(h.emulator.library(v2.id()).status(RUNNING_1)).isEqualTo(LibraryClusterStatus.DETACHED);
    }

    @Test
    void theNewVersionOnSomeTargetsOnlyIsNamedAndTheSwapIsFinished() throws Exception {
        h.jar("1.0.0");
        String v1 = h.deploy(h.spec("etl", "ml")).library().id();
        RemoteLibrary v2 = uploadOnly("1.1.0", h.spec("etl", "ml"));
        h.gateway.install(v2, RUNNING_1); // the swap died after etl
        h.log.clear();

        assertThat(dryRunPlan(h.spec("etl", "ml")))
                .anyMatch(line -> line.equals("  repair: " + v2.name() + " (this jar) is installed on etl ("
                        + RUNNING_1 + ") but not on ml (" + RUNNING_2 + "), the mark of a swap that did not finish —"
                        + " this deploy installs it on the others and finishes the swap"));

        DeployReport report = h.deploy(h.spec("etl", "ml"));
        assertThat(report.library().id()).isEqualTo(v2.id());
        assertThat(report.library().reused()).isTrue();
        for (String cluster : List.of(RUNNING_1, RUNNING_2)) {
            assertThat(h.emulator.library(v2.id()).status(cluster)).isEqualTo(LibraryClusterStatus.ATTACHED);
            assertThat(h.emulator.library(v1).status(cluster)).isEqualTo(LibraryClusterStatus.DETACHED);
        }
    }

    @Test
    void anUploadAttachedNowhereIsNamedReusedWhenItIsThisJarAndDeletedByKeepVersions() throws Exception {
        h.jar("1.0.0");
        h.deploy(h.spec("etl"));
        RemoteLibrary v2 = uploadOnly("1.1.0", h.spec("etl"));
        h.log.clear();

        // the same jar again: the upload is reused, and the plan says why it is there
        assertThat(dryRunPlan(h.spec("etl")))
                .anyMatch(line -> line.equals("  repair: " + v2.where() + " (this jar, already uploaded) is installed"
                        + " nowhere, the mark of a deploy cut short after its upload — this deploy uses it instead"
                        + " of uploading again"));

        // another jar: the orphan is an old version, which keepVersions=1 deletes after success
        h.jar("1.2.0");
        assertThat(dryRunPlan(h.spec("etl").keepVersions(1)))
                .anyMatch(line -> line.startsWith("  repair: " + v2.where() + " is newer than what the targets run"));
        DeployReport report = h.deploy(h.spec("etl").keepVersions(0));
        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(h.emulator.library(v2.id()).deleted()).isTrue();
    }
}
