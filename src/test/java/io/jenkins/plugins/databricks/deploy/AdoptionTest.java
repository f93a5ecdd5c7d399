package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.deploy.cli.DemoJar;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first deploy on a workspace where the team's jar is already attached, uploaded by hand and named as the file
 * was (issue 15): the old copy must go, so that every cluster ends with exactly one version of the artifact. On
 * each backend: "by hand" is a 1.2 library upload and attach, or a Files API PUT into a volume and a Libraries 2.0
 * install.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class AdoptionTest {

    @Parameter
    Backend backend;

    @TempDir
    Path workspace;

    @TempDir
    Path elsewhere;

    EmulatorHarness h;

    @BeforeEach
    void start() {
        h = new EmulatorHarness(workspace, backend);
        if (backend == Backend.REST_2) {
            h.emulator.addVolume(Backend.CATALOG, "alice", "libs");
            h.emulator.allowlists().jarPrefixes(backend.folder() + "/", backend.otherFolder() + "/");
        }
        folder = backend.folder();
        other = backend.otherFolder();
    }

    /** The deploy folder, and a person's folder outside it. */
    String folder;

    String other;

    @AfterEach
    void stop() {
        h.close();
    }

    /** Uploads {@code name} to {@code folder} as a person would in the UI, and installs it on the clusters. */
    private String byHand(String folder, String name, String version, String... clusters) throws IOException {
        Path jar = DemoJar.write(elsewhere.resolve(version + "/" + name), version);
        String id = backend.installByHand(h.transport, folder, name, UploadSource.of(jar), clusters);
        h.clock.advance(Duration.ofMinutes(10)); // installed and running before the team adopts the plugin
        return id;
    }

    /** A stored library as the plan and messages place it: its path, and its id when that is not the path. */
    private static String where(String path, String id) {
        return id.equals(path) ? path : path + " (library " + id + ")";
    }

    /** An old version as the log names it. */
    private String oldLibrary(String id, String name) {
        return backend.label(id, name);
    }

    private void smokeApp(String version) throws IOException {
        DemoJar.write(workspace.resolve("target/smoke-app-" + version + ".jar"), version);
    }

    private DeploySpec.Builder spec() {
        return h.spec("etl", "ml").jar("target/smoke-app-*.jar");
    }

    private String settled(String libraryId, String clusterId) {
        h.clock.advance(Duration.ofMinutes(10));
        return h.statusOn(libraryId, clusterId);
    }

    /** Every library on the cluster whose name starts with the artifact, after restarts have settled. */
    private List<String> attachedCopies(String clusterId, String artifact) {
        h.clock.advance(Duration.ofMinutes(10));
        return backend.installedJarNames(h.emulator, h.transport, clusterId).stream()
                .filter(name -> name.startsWith(artifact))
                .toList();
    }

    @Test
    void aHandUploadedEarlierVersionInTheFolderIsDetachedSoEachClusterRunsOneVersion() throws Exception {
        String old = byHand(folder, "smoke-app-0.9.0.jar", "0.9.0", RUNNING_1, RUNNING_2);
        smokeApp("1.0.0");
        h.emulator.journal().clear();

        DeployReport report = h.deploy(spec());

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.oldLibraryIds()).containsExactly(old);
        assertThat(report.detachedLibraryIds()).containsExactly(old);
        assertThat(report.restartedClusterIds()).containsExactlyInAnyOrder(RUNNING_1, RUNNING_2);
        assertThat(h.logText())
                .contains("1 old version in " + folder)
                .contains("Detached old " + oldLibrary(old, "smoke-app-0.9.0.jar") + " from etl (" + RUNNING_1 + ")")
                .contains("Detached old " + oldLibrary(old, "smoke-app-0.9.0.jar") + " from ml (" + RUNNING_2 + ")")
                .as("a library is named once: never its name again after its path")
                .doesNotContain("smoke-app-0.9.0.jar smoke-app-0.9.0.jar")
                .doesNotContain(report.library().name() + " " + report.library().name())
                .doesNotContain(report.library().name() + " (library /");
        System.out.println(backend + " adoption deploy log:\n" + h.logText());
        for (String cluster : List.of(RUNNING_1, RUNNING_2)) {
            assertThat(settled(old, cluster)).isEqualTo("ABSENT");
            assertThat(attachedCopies(cluster, "smoke-app"))
                    .as("smoke-app versions attached to %s", cluster)
                    .containsExactly(report.library().name());
        }
    }

    @Test
    void withoutARestartTheOldJarIsMarkedToLeaveAndIsGoneAfterTheNextRestart() throws Exception {
        String old = byHand(folder, "smoke-app-0.9.0.jar", "0.9.0", RUNNING_1);
        smokeApp("1.0.0");

        DeployReport report =
                h.deploy(h.spec("etl").jar("target/smoke-app-*.jar").restart("never"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.detachedLibraryIds()).containsExactly(old);
        assertThat(report.restartedClusterIds()).isEmpty();
        assertThat(settled(old, RUNNING_1)).isEqualTo("REMOVED_AT_RESTART");

        h.gateway.restart(RUNNING_1);

        assertThat(settled(old, RUNNING_1)).isEqualTo("ABSENT");
        assertThat(attachedCopies(RUNNING_1, "smoke-app"))
                .containsExactly(report.library().name());
    }

    @Test
    void aCopyInAnotherFolderIsNamedAndTheDeployRefusedBeforeAnyChange() throws Exception {
        String copy = byHand(other, "smoke-app.jar", "0.8.0", RUNNING_1);
        smokeApp("1.0.0");
        h.emulator.journal().clear();

        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(spec()));

        assertThat(e)
                .hasMessageStartingWith("replaceOtherCopies: other copies of this jar's artifact are installed on the"
                        + " target clusters: " + where(other + "/smoke-app.jar", copy) + " on etl ("
                        + RUNNING_1 + ")")
                .hasMessageContaining("set replaceOtherCopies: true to detach them in this deploy")
                .hasMessageContaining("give replaces a pattern that matches their names, e.g. 'smoke-app.*\\.jar'");
        assertThat(h.emulator.journal().mutations()).isEmpty();
        assertThat(h.logText())
                .contains("[databricks] Pre-flight: other copies of smoke-app on the targets:" + " "
                        + where(other + "/smoke-app.jar", copy) + " on etl (" + RUNNING_1 + ")");
        assertThat(h.statusOn(copy, RUNNING_1)).isEqualTo("INSTALLED");
    }

    @Test
    void replaceOtherCopiesDetachesTheCopyElsewhereButNeverDeletesIt() throws Exception {
        String copy = byHand(other, "smoke-app.jar", "0.8.0", RUNNING_1);
        smokeApp("1.0.0");

        DeployReport report = h.deploy(spec().replaceOtherCopies(true).keepVersions(0));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.plan())
                .contains("  other copy " + where(other + "/smoke-app.jar", copy) + ": detach from etl");
        assertThat(report.detachedLibraryIds()).containsExactly(copy);
        assertThat(report.restartedClusterIds()).containsExactly(RUNNING_1);
        assertThat(report.deletedLibraryIds()).isEmpty();
        assertThat(h.stored(copy)).isTrue();
        assertThat(h.logText())
                .contains("1 other copy to replace (" + where(other + "/smoke-app.jar", copy) + " on etl")
                .contains("Detached other copy " + where(other + "/smoke-app.jar", copy) + " from etl");
        assertThat(attachedCopies(RUNNING_1, "smoke-app"))
                .containsExactly(report.library().name());
    }

    @Test
    void aReplacesPatternThatNamesTheCopyCoversIt() throws Exception {
        String copy = byHand(other, "smoke-app.jar", "0.8.0", RUNNING_1, RUNNING_2);
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
        String copy = byHand(other, "smoke-app.jar", "0.8.0", RUNNING_2);
        smokeApp("1.0.0");

        DeployReport report = h.deploy(h.spec("etl").jar("target/smoke-app-*.jar"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.detachedLibraryIds()).isEmpty();
        assertThat(h.statusOn(copy, RUNNING_2)).isEqualTo("INSTALLED");
    }

    @Test
    void aDifferentArtifactSharingThePrefixIsNeverTouched() throws Exception {
        String utils = byHand(folder, "smoke-app-utils-0.9.0.jar", "0.9.0", RUNNING_1);
        String elsewhereUtils = byHand(other, "smoke-app-utils.jar", "0.9.0", RUNNING_1);
        smokeApp("1.0.0");

        DeployReport report = h.deploy(spec());

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        assertThat(report.oldLibraryIds()).isEmpty();
        assertThat(report.detachedLibraryIds()).isEmpty();
        assertThat(settled(utils, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(settled(elsewhereUtils, RUNNING_1)).isEqualTo("INSTALLED");
    }

    @Test
    void aVolumeFolderIsRefusedByTheRest12BackendBeforeAnyCall() throws Exception {
        assumeTrue(backend == Backend.REST_1_2, "a volume folder is the 2.x backend's folder");
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
