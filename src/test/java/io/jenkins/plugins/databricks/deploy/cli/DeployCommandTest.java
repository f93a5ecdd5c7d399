package io.jenkins.plugins.databricks.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The main-job command: options, exit codes, and a dry run against the emulator (the full run is the README's). */
class DeployCommandTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private int run(Map<String, String> env, String... args) {
        return DeployCommand.run(args, env, out);
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOptionWithItsField() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(output())
                .contains("--host URL", "DATABRICKS_HOST", "--token TOKEN", "DATABRICKS_TOKEN", "--clusters A,B")
                .contains("[keepVersions]", "[smokeExpect]", "--dry-run", "Exit status: 0");
    }

    @Test
    void wrongOptionsExitWithTwoAndSayWhy() {
        assertThat(run(Map.of(), "--bogus")).isEqualTo(2);
        assertThat(output()).contains("Error: unknown option --bogus");
        assertThat(run(Map.of("DATABRICKS_HOST", "https://x.cloud.databricks.com")))
                .isEqualTo(2);
        assertThat(output()).contains("give both --host and --token");
        assertThat(run(Map.of(), "--host", "https://x.cloud.databricks.com", "--token", "dapi-1"))
                .isEqualTo(2);
        assertThat(output()).contains("Error: clusters: give --clusters");
    }

    @Test
    void anInvalidFieldIsReportedByItsNameBeforeAnythingRuns() {
        assertThat(run(Map.of(), "--dry-run", "--restart", "sometimes", "--keep-versions", "-2"))
                .isEqualTo(2);
        assertThat(output())
                .contains("restart: 'sometimes' is not a restart policy — use NEVER, IF_RUNNING or ALWAYS")
                .contains("keepVersions: -2 is negative");
    }

    @Test
    void theDemoRunsTheJarsMainClassAsTheSmokeTest() {
        assertThat(run(Map.of(), "--smoke-main-class", DemoJar.SMOKE_CLASS)).isZero();
        assertThat(output())
                .contains("[databricks] Smoke run of demo.Smoke on Demo Shared (0101-120000-demo1) passed in ")
                .contains(": demo app 1.1.0 loaded")
                .contains("[databricks] Smoke run skipped on Demo Idle");
    }

    @Test
    void aFailingMainClassFailsTheDemoWithItsCode() {
        assertThat(run(
                        Map.of(),
                        "--smoke-main-class",
                        DemoJar.SMOKE_CLASS,
                        "--smoke-parameter",
                        "emulator:print=checking",
                        "--smoke-parameter=emulator:throw=java.lang.IllegalStateException: no rows"))
                .isEqualTo(1);
        assertThat(output())
                .contains("ended RUN_EXECUTION_ERROR: Workload failed, see run output for details")
                .contains("  | checking")
                .contains("  | java.lang.IllegalStateException: no rows")
                .contains("rolled back");
    }

    @Test
    void aCommandAndAMainClassAreRefusedNamingBoth() {
        assertThat(run(Map.of(), "--dry-run", "--smoke-command", "1", "--smoke-main-class", "demo.Smoke"))
                .isEqualTo(2);
        assertThat(output()).contains("smokeMainClass: and smokeCommand are both given");
    }

    @Test
    void aDryRunAgainstTheEmulatorGoesThroughRest2ByDefault() {
        assertThat(run(Map.of(), "--dry-run")).isZero();
        assertThat(output())
                .contains("Emulator (REST 2.x): ")
                .contains("----- build log -----")
                .contains("[databricks] Pre-flight on http://127.0.0.1:")
                .contains(" (REST 2.x): 3 target clusters")
                .contains("[databricks]   upload target/app-1.1.0.jar (530 B) as app-1.1.0-1f97666ec4.jar to"
                        + " /Volumes/main/default/libs/jars")
                .contains("Demo Idle (0101-120000-demo3, TERMINATED): is TERMINATED: not started")
                .contains("[databricks] Dry run: nothing was changed on Databricks")
                .contains("Deploy planned: app-1.1.0-");
    }

    @Test
    void anInvalidApiIsReportedByItsFieldName() {
        assertThat(run(Map.of(), "--dry-run", "--api", "3.0")).isEqualTo(2);
        assertThat(output()).contains("api: '3.0' is not a Databricks API — use auto");
    }

    @Test
    void aDryRunAgainstTheEmulatorWithApi12GoesThroughWorkspaceLibraries() {
        assertThat(run(Map.of(), "--dry-run", "--api", "1.2")).isZero();
        assertThat(output())
                .contains("Emulator (REST 1.2): ")
                .contains(" (REST 1.2): 3 target clusters")
                .contains("[databricks]   upload target/app-1.1.0.jar")
                .contains("to /Shared/jenkins")
                .contains("Demo Idle (0101-120000-demo3, Terminated): is Terminated: not started")
                .contains("[databricks] Dry run: nothing was changed on Databricks")
                .contains("Deploy planned: app-1.1.0-");
    }
}
