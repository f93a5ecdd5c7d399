package io.jenkins.plugins.databricks.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.RetryPolicy;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import io.jenkins.plugins.databricks.emulator.AccessMode;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.JarBytes;
import io.jenkins.plugins.databricks.emulator.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run whose jar is a volume file, as a 2.x deploy leaves it: the task library is installed through Libraries 2.0
 * (so the allowlist applies on a standard cluster) and the main class is looked up in the stored file.
 */
class JobsOnVolumesTest {

    private static final String CLUSTER = "0101-000000-run1";
    private static final String JAR = "/Volumes/main/ci/libs/app-1.2.3.jar";

    private DatabricksEmulator emulator;
    private ManualClock time;
    private JobsClient jobs;
    private Rest2Client rest2;

    @BeforeEach
    void start() throws Exception {
        emulator = DatabricksEmulator.start();
        time = new ManualClock();
        emulator.settings().clock(time);
        emulator.addCluster(CLUSTER, "etl", ClusterState.RUNNING);
        emulator.addVolume("main", "ci", "libs");
        emulator.allowlists().jarPrefixes("/Volumes/main/ci/libs/");
        jobs = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.none())
                .build(JobsClient::new);
        rest2 = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .retryPolicy(RetryPolicy.none())
                .build(Rest2Client::new);
        rest2.uploadFile(JAR, UploadSource.of("app-1.2.3.jar", JarBytes.withClasses("com.acme.Smoke")));
    }

    @AfterEach
    void stop() {
        jobs.close();
        rest2.close();
        emulator.close();
    }

    private Run run(String mainClass) throws Exception {
        long runId = jobs.submitRun(RunSubmission.of(
                "smoke",
                "t-" + mainClass,
                Duration.ZERO,
                new SparkJarTask("smoke", CLUSTER, mainClass, List.of(), List.of(JAR))));
        for (int i = 0; i < 100; i++) {
            Run run = jobs.getRun(runId);
            if (run.progress().finished()) {
                return run;
            }
            time.advance(Duration.ofMillis(100));
        }
        throw new AssertionError("run " + runId + " did not finish");
    }

    @Test
    void theMainClassOfAVolumeJarRunsAndTheJarIsInstalledByPath() throws Exception {
        Run ok = run("com.acme.Smoke");
        assertThat(ok.progress().succeeded())
                .as(ok.progress().termination().describe())
                .isTrue();
        assertThat(emulator.cluster(CLUSTER).loadedJars()).containsExactly(JAR);
        assertThat(emulator.journal().calls()).doesNotContain("POST /api/2.0/libraries/install");
    }

    @Test
    void aClassTheVolumeJarLacksFailsTheRun() throws Exception {
        Run run = run("com.acme.Missing");
        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.RUN_EXECUTION_ERROR);
        assertThat(jobs.getRunOutput(run.task("smoke").orElseThrow().runId()).error())
                .isEqualTo("java.lang.ClassNotFoundException: com.acme.Missing");
    }

    @Test
    void aJarOffTheAllowlistOfAStandardClusterFailsTheLibraryInstallation() throws Exception {
        emulator.cluster(CLUSTER).accessMode(AccessMode.DATA_SECURITY_MODE_STANDARD);
        emulator.allowlists().jarPrefixes("/Volumes/main/other/");
        Run run = run("com.acme.Smoke");
        TerminationDetails end = run.progress().termination();
        assertThat(end.code()).isEqualTo(TerminationCode.LIBRARY_INSTALLATION_ERROR);
        assertThat(end.message()).contains("UC_LIBRARY_NOT_ALLOWLISTED").contains(JAR);
    }

    @Test
    void aDedicatedClusterOfSomeoneElseRefusesTheRun() throws Exception {
        emulator.cluster(CLUSTER)
                .accessMode(AccessMode.DATA_SECURITY_MODE_DEDICATED)
                .singleUser("alice@example.com");
        Run run = run("com.acme.Smoke");
        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.UNAUTHORIZED_ERROR);
        assertThat(run.progress().termination().message()).contains("alice@example.com");
    }

    @Test
    void aVolumeFileThatIsNotThereFailsTheLibraryInstallation() throws Exception {
        long runId = jobs.submitRun(RunSubmission.of(
                "smoke",
                "t-gone",
                Duration.ZERO,
                new SparkJarTask("smoke", CLUSTER, "com.acme.Smoke", List.of(), List.of(JAR + ".old"))));
        Run run = null;
        for (int i = 0; i < 100 && (run == null || !run.progress().finished()); i++) {
            time.advance(Duration.ofMillis(100));
            run = jobs.getRun(runId);
        }
        assertThat(run.progress().termination().code()).isEqualTo(TerminationCode.LIBRARY_INSTALLATION_ERROR);
        assertThat(run.progress().termination().message()).contains(JAR + ".old");
    }
}
