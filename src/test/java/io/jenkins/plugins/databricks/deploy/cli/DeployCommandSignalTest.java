package io.jenkins.plugins.databricks.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.LocalJarLocator;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.Sleeper;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.CommandStatus;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
import io.jenkins.plugins.databricks.emulator.LibraryClusterStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the command line during the smoke command, as a user's Ctrl-C or a CI runner's timeout sends it: the
 * command runs in a child JVM against an emulator in this one, so what it left on the "workspace" can be checked.
 */
@DisabledOnOs(OS.WINDOWS) // Process.destroy() is not a SIGTERM there
class DeployCommandSignalTest {

    private static final String ETL = "0101-000000-etl1";

    @TempDir
    Path dir;

    private final DatabricksEmulator emulator = DatabricksEmulator.start();
    private Process child;

    @AfterEach
    void stop() {
        if (child != null) {
            child.destroyForcibly();
        }
        emulator.close();
    }

    @Test
    void sigtermDuringTheSmokeCommandCancelsItDestroysTheContextAndPutsTheOldVersionBack() throws Exception {
        emulator.settings().restartDuration(Duration.ofMillis(500)).contextStartDuration(Duration.ofMillis(200));
        emulator.addCluster(ETL, "etl", ClusterState.RUNNING);
        String v1 = deployOldVersion();
        DemoJar.write(dir.resolve("new/target/app-1.1.0.jar"), "1.1.0");
        Path output = dir.resolve("command.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        child = new ProcessBuilder(List.of(
                        java,
                        "-D" + WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY + "=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DeployCommand.class.getName(),
                        "--host",
                        emulator.url(),
                        "--token",
                        emulator.token(),
                        "--clusters",
                        "etl",
                        "--base-dir",
                        dir.resolve("new").toString(),
                        "--jar",
                        "target/app-*.jar",
                        "--smoke-command",
                        "// emulator: hang"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (emulator.commands().stream().noneMatch(c -> c.status() == CommandStatus.RUNNING)) {
            assertThat(System.nanoTime()).as("the smoke command started").isLessThan(deadline);
            assertThat(child.isAlive())
                    .as("the command is running: " + read(output))
                    .isTrue();
            Thread.sleep(50);
        }

        child.destroy(); // SIGTERM
        assertThat(child.waitFor(AbortOnSignal.GRACE.toSeconds() + 30, TimeUnit.SECONDS))
                .as("the command ended within its bound")
                .isTrue();

        String log = read(output);
        assertThat(child.exitValue()).as(log).isEqualTo(DeployCommand.EXIT_ABORTED);
        assertThat(log)
                .contains("Signal received: aborting the deploy")
                .contains("Cancelled smoke command ")
                .contains("Destroyed execution context ")
                .contains("Rollback: attached old library " + v1)
                .contains("Rollback: detached new library ")
                .contains("ABORTED: interrupted");
        assertThat(emulator.contexts()).isNotEmpty().allMatch(c -> c.destroyed());
        assertThat(emulator.commands()).allMatch(c -> c.cancelRequested());
        assertThat(emulator.library(v1).status(ETL))
                .isIn(LibraryClusterStatus.ATTACHED, LibraryClusterStatus.PENDING, LibraryClusterStatus.INSTALLING);
        EmulatedLibrary added = emulator.libraries().stream()
                .filter(l -> !l.id().equals(v1))
                .findFirst()
                .orElseThrow();
        assertThat(added.status(ETL)).isIn(LibraryClusterStatus.DETACHED, LibraryClusterStatus.DETACH_PENDING);
    }

    private String deployOldVersion() throws Exception {
        System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
        DemoJar.write(dir.resolve("old/target/app-1.0.0.jar"), "1.0.0");
        Poller poller =
                new Poller(Duration.ofMillis(100), 1.5, Duration.ofSeconds(1), Clock.systemUTC(), Sleeper.SYSTEM);
        try (Rest12Client client = HttpTransport.builder(emulator.url())
                .auth(Rest12Gateway.toClientAuth(WorkspaceAuth.bearer(emulator.token())))
                .build(Rest12Client::new)) {
            return new Deployer(
                            new Rest12Gateway(client),
                            new LocalJarLocator(dir.resolve("old")),
                            DeployListener.NONE,
                            poller)
                    .deploy(DeploySpec.builder()
                            .workspaceUrl(emulator.url())
                            .jar("target/*.jar")
                            .clusters("etl")
                            .build())
                    .library()
                    .id();
        } finally {
            System.clearProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY);
        }
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
