package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
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
 * An upload that gets no answer, over real HTTP against the emulator, on each backend: retried when the name contains
 * {hash} (the name then identifies the content), refused at once otherwise; never two libraries of one name, never a
 * cluster changed by a failed upload. Backoffs move the harness's manual clock. On REST 2.x the client repeats the
 * upload itself first (with overwrite=false a repeat cannot replace anything, and a 409 of exactly our size is our
 * own earlier attempt), so the engine's own retry is reached only when the client gives up.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class UploadRetryTest {

    @Parameter
    Backend backend;

    @TempDir
    Path workspace;

    EmulatorHarness h;
    String v1;

    @BeforeEach
    void oldVersionOnEtl() throws Exception {
        h = new EmulatorHarness(workspace, backend);
        v1 = h.oldVersionOnEtl();
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        h.close();
    }

    /** The ids of the stored jars of that name. */
    private List<String> named(String name) {
        return backend == Backend.REST_1_2
                ? h.emulator.libraries().stream()
                        .filter(l -> l.name().equals(name) && !l.deleted())
                        .map(l -> l.id())
                        .toList()
                : h.emulator.files().stream()
                        .filter(f -> f.name().equals(name))
                        .map(f -> f.path())
                        .toList();
    }

    private List<JournalEntry> uploads() {
        return h.emulator.journal().matching(e -> (e.method() + " " + e.path()).startsWith(backend.uploadCall()));
    }

    private void assertNothingChanged() {
        assertThat(h.mutations()).as("no mutation; log:\n%s", h.logText()).isEmpty();
        assertThat(h.statusOn(v1, RUNNING_1)).isEqualTo("INSTALLED");
    }

    @Test
    void anUploadDroppedOnceIsRetriedAndDeploysOneLibrary() throws Exception {
        backend.uploadFaults(h.emulator).times(1).dropDuringUpload(100);

        DeployReport report = h.deploy(h.spec("etl"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        String name = report.library().name();
        assertThat(named(name)).containsExactly(report.library().id());
        assertThat(h.statusOn(report.library().id(), RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(report.library().reused()).isFalse();
        if (backend == Backend.REST_2) {
            assertThat(uploads()).extracting(JournalEntry::status).containsExactly(0, 204);
            assertThat(h.logText())
                    .contains("[databricks] " + backend.uploadCall())
                    .contains("failed (attempt 1: ")
                    .contains("retrying in")
                    .doesNotContain("got no answer (attempt 1 of 3");
            return;
        }
        assertThat(uploads()).extracting(JournalEntry::status).containsExactly(0, 200);
        assertThat(h.clock.sleeps()).first().isEqualTo(Deployer.UPLOAD_RETRY_BACKOFF);
        assertThat(h.logText())
                .contains("[databricks] Upload of " + name + " got no answer (attempt 1 of 3: " + backend.uploadCall())
                .contains(backend.folder() + " does not hold it, so uploading again in 2.0 s")
                .contains("Uploaded " + name + " as library " + report.library().id())
                .contains(", attempt 2 of 3)")
                .doesNotContain("Not retried");
    }

    @Test
    void anUploadWhoseAnswerWasLostIsFoundByListingAndNotUploadedAgain() throws Exception {
        backend.uploadFaults(h.emulator).times(1).loseResponseAfterSuccess();

        DeployReport report = h.deploy(h.spec("etl"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        String id = report.library().id();
        assertThat(named(report.library().name())).containsExactly(id);
        assertThat(h.mutations()).filteredOn(c -> c.equals("upload")).hasSize(1);
        if (backend == Backend.REST_2) {
            // the client repeated it, met our own file (409, same size) and took it as done
            assertThat(uploads()).extracting(JournalEntry::status).containsExactly(0, 409);
            assertThat(h.statusOn(id, RUNNING_1)).isEqualTo("INSTALLED");
            return;
        }
        assertThat(uploads()).hasSize(1);
        assertThat(h.clock.sleeps()).doesNotContain(Deployer.UPLOAD_RETRY_BACKOFF);
        assertThat(h.logText())
                .contains("The upload landed although its answer was lost; reusing library " + id + " "
                        + report.library().name() + " in " + backend.folder());
        assertThat(h.statusOn(id, RUNNING_1)).isEqualTo("INSTALLED");
        assertThat(h.statusOn(v1, RUNNING_1)).isNotEqualTo("INSTALLED");
    }

    @Test
    void anUploadDroppedEveryTimeFailsAfterThreeAttemptsBeforeAnyClusterChanged() {
        backend.uploadFaults(h.emulator).always().dropDuringUpload(100);

        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(h.spec("etl")));

        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        if (backend == Backend.REST_2) {
            // the fault covers every file request, so the look for a landed copy gets no answer either
            assertThat(e)
                    .hasMessageStartingWith("Upload of ")
                    .hasMessageContaining(backend.uploadCall())
                    .hasMessageContaining("got no answer")
                    .hasMessageContaining("nothing was changed on the clusters");
            assertNothingChanged();
            return;
        }
        assertThat(e)
                .hasMessageStartingWith("Upload of ")
                .hasMessageContaining(" failed 3 times without an answer (last: " + backend.uploadCall())
                .hasMessageEndingWith(backend.folder() + " does not hold it — nothing was changed on the clusters");
        assertThat(uploads()).hasSize(3);
        assertThat(h.clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertNothingChanged();
        assertThat(h.logText()).contains("attempt 1 of 3", "attempt 2 of 3", "FAILED: " + e.getMessage());
    }

    @Test
    void withoutHashInTheNameAnUnansweredUploadFailsAtOnceAndSaysWhy() throws Exception {
        backend.uploadFaults(h.emulator).times(1).dropConnection();
        if (backend == Backend.REST_2) {
            // overwrite=false makes the repeat safe whatever the name: the client repeats it and the deploy goes on
            assertThat(h.deploy(h.spec("etl").libraryName("{name}.jar")).outcome())
                    .isEqualTo(Outcome.DEPLOYED);
            assertThat(uploads()).extracting(JournalEntry::status).containsExactly(0, 204);
            return;
        }

        DeployException e = catchThrowableOfType(
                DeployException.class, () -> h.deploy(h.spec("etl").libraryName("{name}.jar")));

        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(e)
                .hasMessageContaining("as app-1.1.0.jar to " + backend.folder() + " got no answer: ")
                .hasMessageContaining("it may or may not be stored; not retried, because the name template"
                        + " '{name}.jar' has no {hash}")
                .hasMessageContaining(
                        "a name with {hash}, such as the default {name}-{hash}.jar, makes this upload" + " retryable")
                .hasMessageEndingWith("nothing was changed on the clusters");
        assertThat(uploads()).hasSize(1);
        assertThat(h.clock.sleeps()).isEmpty();
        assertNothingChanged();
    }

    @Test
    void anInterruptDuringTheBackoffAbortsWithoutAnotherAttempt() {
        assumeTrue(backend == Backend.REST_1_2, "on 2.x one dropped upload is repeated by the client, not the engine");
        backend.uploadFaults(h.emulator).times(1).dropDuringUpload(100);
        h.beforeSleep = () -> Thread.currentThread().interrupt();

        DeployAbortedException e = catchThrowableOfType(DeployAbortedException.class, () -> h.deploy(h.spec("etl")));

        assertThat(Thread.interrupted()).as("the interrupt flag stays set").isTrue();
        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.ABORTED);
        assertThat(e).hasMessageStartingWith("interrupted during the upload");
        assertThat(uploads()).hasSize(1);
        assertThat(h.clock.sleeps()).isEmpty();
        assertNothingChanged();
        assertThat(h.logText()).contains("uploading again in 2.0 s", "ABORTED: interrupted during the upload");
    }
}
