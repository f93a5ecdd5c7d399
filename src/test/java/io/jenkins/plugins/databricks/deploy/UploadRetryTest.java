package io.jenkins.plugins.databricks.deploy;

import static io.jenkins.plugins.databricks.deploy.EmulatorHarness.RUNNING_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.databricks.deploy.DeployReport.Outcome;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload that gets no answer, over real HTTP against the emulator: retried when the name contains {hash} (the
 * name then identifies the content), refused at once otherwise; never two libraries of one name, never a cluster
 * changed by a failed upload. Backoffs move the harness's manual clock.
 */
class UploadRetryTest {

    @TempDir
    Path workspace;

    EmulatorHarness h;
    String v1;

    @BeforeEach
    void oldVersionOnEtl() throws Exception {
        h = new EmulatorHarness(workspace);
        v1 = h.oldVersionOnEtl();
    }

    @AfterEach
    void stop() {
        Thread.interrupted();
        h.close();
    }

    private List<EmulatedLibrary> named(String name) {
        return h.emulator.libraries().stream()
                .filter(l -> l.name().equals(name) && !l.deleted())
                .toList();
    }

    private List<JournalEntry> uploads() {
        return h.emulator.journal().forEndpoint("libraries/upload");
    }

    private void assertNothingChanged() {
        assertThat(h.emulator.journal().mutationCalls())
                .as("no mutation; log:\n%s", h.logText())
                .isEmpty();
        assertThat(h.emulator.library(v1).status(RUNNING_1)).isEqualTo(LibraryClusterStatus.ATTACHED);
    }

    @Test
    void anUploadDroppedOnceIsRetriedAndDeploysOneLibrary() throws Exception {
        h.emulator.faults().forPath("libraries/upload").times(1).dropDuringUpload(100);

        DeployReport report = h.deploy(h.spec("etl"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        String name = report.library().name();
        assertThat(named(name)).singleElement().satisfies(l -> {
            assertThat(l.id()).isEqualTo(report.library().id());
            assertThat(l.status(RUNNING_1)).isEqualTo(LibraryClusterStatus.ATTACHED);
        });
        assertThat(report.library().reused()).isFalse();
        assertThat(uploads()).extracting(JournalEntry::status).containsExactly(0, 200);
        assertThat(h.clock.sleeps()).first().isEqualTo(Deployer.UPLOAD_RETRY_BACKOFF);
        assertThat(h.logText())
                .contains("[databricks] Upload of " + name + " got no answer (attempt 1 of 3: POST"
                        + " /api/1.2/libraries/upload got no answer: the connection failed")
                .contains("/Shared/jenkins does not hold it, so uploading again in 2.0 s")
                .contains("Uploaded " + name + " as library " + report.library().id())
                .contains(", attempt 2 of 3)")
                .doesNotContain("Not retried");
    }

    @Test
    void anUploadWhoseAnswerWasLostIsFoundByListingAndNotUploadedAgain() throws Exception {
        h.emulator.faults().forPath("libraries/upload").times(1).loseResponseAfterSuccess();

        DeployReport report = h.deploy(h.spec("etl"));

        assertThat(report.outcome()).isEqualTo(Outcome.DEPLOYED);
        String id = report.library().id();
        assertThat(named(report.library().name()))
                .extracting(EmulatedLibrary::id)
                .containsExactly(id);
        assertThat(h.emulator.journal().mutationCalls())
                .filteredOn(c -> c.equals("POST libraries/upload"))
                .hasSize(1);
        assertThat(uploads()).hasSize(1);
        assertThat(h.clock.sleeps()).doesNotContain(Deployer.UPLOAD_RETRY_BACKOFF);
        assertThat(h.logText())
                .contains("The upload landed although its answer was lost; reusing library " + id + " "
                        + report.library().name() + " in /Shared/jenkins");
        assertThat(h.emulator.library(id).status(RUNNING_1)).isEqualTo(LibraryClusterStatus.ATTACHED);
        assertThat(h.emulator.library(v1).status(RUNNING_1)).isNotEqualTo(LibraryClusterStatus.ATTACHED);
    }

    @Test
    void anUploadDroppedEveryTimeFailsAfterThreeAttemptsBeforeAnyClusterChanged() {
        h.emulator.faults().forPath("libraries/upload").always().dropDuringUpload(100);

        DeployException e = catchThrowableOfType(DeployException.class, () -> h.deploy(h.spec("etl")));

        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(e)
                .hasMessageStartingWith("Upload of ")
                .hasMessageContaining(
                        " failed 3 times without an answer (last: POST /api/1.2/libraries/upload got" + " no answer: ")
                .hasMessageEndingWith("/Shared/jenkins does not hold it — nothing was changed on the clusters");
        assertThat(uploads()).hasSize(3);
        assertThat(h.clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertNothingChanged();
        assertThat(h.logText()).contains("attempt 1 of 3", "attempt 2 of 3", "FAILED: " + e.getMessage());
    }

    @Test
    void withoutHashInTheNameAnUnansweredUploadFailsAtOnceAndSaysWhy() {
        h.emulator.faults().forPath("libraries/upload").times(1).dropConnection();

        DeployException e = catchThrowableOfType(
                DeployException.class, () -> h.deploy(h.spec("etl").libraryName("{name}.jar")));

        assertThat(e.report().orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(e)
                .hasMessageContaining("as app-1.1.0.jar to /Shared/jenkins got no answer: ")
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
        h.emulator.faults().forPath("libraries/upload").times(1).dropDuringUpload(100);
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
