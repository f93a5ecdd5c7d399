package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.cli.DemoJar;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first deploy on a workspace where the team's jar is already attached, uploaded by hand and named as the file
 * was (issue 15): the old copy must go, so that every cluster ends with exactly one version of the artifact.
 */
class AdoptionTest {

    @TempDir
    Path workspace;

    @TempDir
    Path elsewhere;

    EmulatorHarness h;

    @BeforeEach
    void start() {
        h = new EmulatorHarness(workspace);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Uploads {@code name} to {@code folder} as a person would in the UI, and attaches it to the clusters. */
    private String byHand(String folder, String name, String version, String... clusters) throws IOException {
        Path jar = DemoJar.write(elsewhere.resolve(version + "/" + name), version);
        String id = h.client.uploadLibrary(LibraryUpload.jar(folder, name, UploadSource.of(jar)));
        for (String cluster : clusters) {
            h.client.attachLibrary(id, cluster);
        }
        return id;
    }

    private void smokeApp(String version) throws IOException {
        DemoJar.write(workspace.resolve("target/smoke-app-" + version + ".jar"), version);
    }

    private DeploySpec.Builder spec() {
        return h.spec("etl", "ml").jar("target/smoke-app-*.jar");
    }

    private LibraryClusterStatus settled(String libraryId, String clusterId) {
        h.clock.advance(Duration.ofMinutes(10));
        return h.emulator.library(libraryId).status(clusterId);
    }

    /** Every library on the cluster whose name starts with the artifact, after restarts have settled. */
    private List<String> attachedCopies(String clusterId, String artifact) {
        h.clock.advance(Duration.ofMinutes(10));
        return h.emulator.libraries().stream()
                .filter(l -> !l.deleted() && l.name().startsWith(artifact))
                .filter(l -> l.status(clusterId) == LibraryClusterStatus.ATTACHED)
                .map(EmulatedLibrary::name)
                .toList();
    }

    @Test
    void aHandUploadedEarlierVersionInTheFolderIsDetachedSoEachClusterRunsOneVersion() throws Exception {
        String old = byHand("/Shared/jenkins", "smoke-app-0.9.0.jar", "0.9.0", RUNNING_1, RUNNING_2);
        smokeApp("1.0.0");
        h.emulator.journal().clear();

        DeployReport report = h.deploy(spec());

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.oldLibraryIds()).containsExactly(old);
        assertThat(report.detachedLibraryIds()).containsExactly(old);
        assertThat(report.restartedClusterIds()).containsExactlyInAnyOrder(RUNNING_1, RUNNING_2);
        assertThat(h.logText())
                .contains("1 old version in /Shared/jenkins")
                .contains("Detached old library " + old + " smoke-app-0.9.0.jar from etl (" + RUNNING_1 + ")")
                .contains("Detached old library " + old + " smoke-app-0.9.0.jar from ml (" + RUNNING_2 + ")");
        for (String cluster : List.of(RUNNING_1, RUNNING_2)) {
            assertThat(settled(old, cluster)).isEqualTo(LibraryClusterStatus.DETACHED);
            assertThat(attachedCopies(cluster, "smoke-app"))
                    .as("smoke-app versions attached to %s", cluster)
                    .containsExactly(report.library().name());
        }
    }

    @Test
    void aCopyInAnotherFolderIsNamedAndTheDeployRefusedBeforeAnyChange() throws Exception {
        String copy = byHand("/Users/alice/libs", "smoke-app.jar", "0.8.0", RUNNING_1);
        smokeApp("1.0.0");
        h.emulator.journal().clear();

        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(spec()));

        assertThat(e)
                .hasMessageStartingWith("replaceOtherCopies: other copies of this jar's artifact are installed on the"
                        + " target clusters: /Users/alice/libs/smoke-app.jar (library " + copy + ") on etl ("
                        + RUNNING_1 + ")")
                .hasMessageContaining("set replaceOtherCopies: true to detach them in this deploy")
                .hasMessageContaining("give replaces a pattern that matches their names, e.g. 'smoke-app.*\\.jar'");
        assertThat(h.emulator.journal().mutations()).isEmpty();
        assertThat(h.logText())
                .contains("[databricks] Pre-flight: other copies of smoke-app on the targets:"
                        + " /Users/alice/libs/smoke-app.jar (library " + copy + ") on etl (" + RUNNING_1 + ")");
        assertThat(h.emulator.library(copy).status(RUNNING_1)).isEqualTo(LibraryClusterStatus.ATTACHED);
    }

    @Test
    void replaceOtherCopiesDetachesTheCopyElsewhereButNeverDeletesIt() throws Exception {
        String copy = byHand("/Users/alice/libs", "smoke-app.jar", "0.8.0", RUNNING_1);
        smokeApp("1.0.0");

        DeployReport report = h.deploy(spec().replaceOtherCopies(true).keepVersions(0));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.plan())
                .contains("  other copy /Users/alice/libs/smoke-app.jar (library " + copy + "): detach from etl");
        assertThat(report.detachedLibraryIds()).containsExactly(copy);
        assertThat(report.restartedClusterIds()).containsExactly(RUNNING_1);
        assertThat(report.deletedLibraryIds()).isEmpty();
        assertThat(h.emulator.library(copy).deleted()).isFalse();
        assertThat(h.logText())
                .contains("1 other copy to replace (/Users/alice/libs/smoke-app.jar (library " + copy + ") on etl")
                .contains("Detached other copy /Users/alice/libs/smoke-app.jar (library " + copy + ") from etl");
        assertThat(attachedCopies(RUNNING_1, "smoke-app"))
                .containsExactly(report.library().name());
    }

    @Test
    void aReplacesPatternThatNamesTheCopyCoversIt() throws Exception {
        String copy = byHand("/Users/alice/libs", "smoke-app.jar", "0.8.0", RUNNING_1, RUNNING_2);
        smokeApp("1.0.0");

        DeployReport report = h.deploy(spec().replaces("smoke-app.*\\.jar"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.detachedLibraryIds()).containsExactly(copy);
        for (String cluster : List.of(RUNNING_1, RUNNING_2)) {
            assertThat(attachedCopies(cluster, "smoke-app"))
                    .containsExactly(report.library().name());
        }
    }

    @Test
    void aCopyOnlyOnClustersThatAreNotTargetsIsLeftAlone() throws Exception {
        String copy = byHand("/Users/alice/libs", "smoke-app.jar", "0.8.0", RUNNING_2);
        smokeApp("1.0.0");

        DeployReport report = h.deploy(h.spec("etl").jar("target/smoke-app-*.jar"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.detachedLibraryIds()).isEmpty();
        assertThat(h.emulator.library(copy).status(RUNNING_2)).isEqualTo(LibraryClusterStatus.ATTACHED);
    }

    @Test
    void aDifferentArtifactSharingThePrefixIsNeverTouched() throws Exception {
        String utils = byHand("/Shared/jenkins", "smoke-app-utils-0.9.0.jar", "0.9.0", RUNNING_1);
        String elsewhereUtils = byHand("/Users/alice/libs", "smoke-app-utils.jar", "0.9.0", RUNNING_1);
        smokeApp("1.0.0");

        DeployReport report = h.deploy(spec());

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.oldLibraryIds()).isEmpty();
        assertThat(report.detachedLibraryIds()).isEmpty();
        assertThat(settled(utils, RUNNING_1)).isEqualTo(LibraryClusterStatus.ATTACHED);
        assertThat(settled(elsewhereUtils, RUNNING_1)).isEqualTo(LibraryClusterStatus.ATTACHED);
    }

    @Test
    void aVolumeFolderIsRefusedByTheRest12BackendBeforeAnyCall() throws Exception {
        smokeApp("1.0.0");
        h.emulator.journal().clear();

        DeployException e =
                catchThrowableOfType(DeployException.class, () -> h.deploy(spec().folder("/Volumes/main/ci/jars")));

        assertThat(e)
                .hasMessageStartingWith("folder: '/Volumes/main/ci/jars' is a Unity Catalog volume")
                .hasMessageContaining("/Shared/jenkins");
        assertThat(h.emulator.journal().calls()).isEmpty();
    }
}
