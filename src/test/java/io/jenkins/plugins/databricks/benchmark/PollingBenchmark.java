package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.LocalJarLocator;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How fast the engine notices that a smoke command finished, with its default poll policy ({@link
 * Poller#standard()}): the emulator runs the command for a scripted time ({@code # emulator: duration=2s}); we
 * note when the engine logs the command id (just after {@code commands/execute} answered, so the emulator's finish
 * is at most that plus the scripted time) and when it logs the verdict (just after the final {@code commands/status}).
 * Every other emulator delay is zero.
 */
final class PollingBenchmark {

    private PollingBenchmark() {}

    static void run(Path dir, Duration commandTime, int runs, PrintStream out, ResultTable table) throws Exception {
        try (DatabricksEmulator emulator = DatabricksEmulator.start();
                Rest12Client client = HttpTransport.builder(emulator.url())
                        .auth(Auth.bearer(emulator.token()))
                        .build(Rest12Client::new)) {
            DeployBenchmark.zeroDelays(emulator);
            emulator.addCluster("0101-000000-poll", "poll", ClusterState.RUNNING);
            Path workspace = Files.createDirectories(dir.resolve("poll-workspace"));
            GeneratedJar.write(workspace.resolve("app-1.0.jar"), 64 * 1024, 2);
            Samples latency = new Samples();
            Samples statusRequests = new Samples();
            Samples otherPolls = new Samples();
            for (int i = 0; i < runs; i++) {
                SmokeClock clock = new SmokeClock();
                Deployer deployer = new Deployer(
                        new Rest12Gateway(client), new LocalJarLocator(workspace), clock, Poller.standard());
                emulator.journal().clear();
                DeployReport report = deployer.deploy(DeploySpec.builder()
                        .workspaceUrl(emulator.url())
                        .auth(WorkspaceAuth.bearer(emulator.token()))
                        .jar("app-1.0.jar")
                        .libraryName("{name}-{build}.jar")
                        .clusters(List.of("0101-000000-poll"))
                        .smokeLanguage("python")
                        .smokeCommand("# emulator: duration=" + commandTime.toMillis() + "ms\nprint('ok')")
                        .buildId("p" + i)
                        .build());
                if (report.outcome() != DeployReport.Outcome.DEPLOYED) {
                    throw new IllegalStateException("polling deploy " + i + " ended " + report.outcome());
                }
                double ms = clock.latencyMillis(commandTime);
                int status = emulator.journal().forEndpoint("commands/status").size();
                int others = emulator.journal().forEndpoint("contexts/status").size()
                        + emulator.journal().forEndpoint("clusters/list").size()
                        + emulator.journal().forEndpoint("libraries/status").size();
                latency.add(ms);
                statusRequests.add(status);
                otherPolls.add(others);
                out.println(ResultTable.format(
                        "  run %d: noticed %.0f ms after the command finished, %d commands/status requests",
                        i + 1, ms, status));
            }
            table.row(
                    ResultTable.format(
                            "Smoke command finishing after %.1f s, default poll policy (%d runs)",
                            commandTime.toMillis() / 1000.0, runs),
                    ResultTable.format(
                            "noticed after median **%.0f ms** (min %.0f, max %.0f); %.0f commands/status requests"
                                    + " (other polls: %.0f)",
                            latency.median(),
                            latency.min(),
                            latency.max(),
                            statusRequests.median(),
                            otherPolls.median()),
                    "");
        }
    }

    /** Timestamps the two log lines around the command's run. */
    private static final class SmokeClock implements io.jenkins.plugins.databricks.deploy.DeployListener {
        private long executed;
        private long judged;

        @Override
        public synchronized void line(String line) {
            long now = System.nanoTime();
            if (line.contains("Smoke command on") && line.contains(", command ")) {
                executed = now;
            } else if (line.contains("Smoke command on") && line.contains(" passed in ")) {
                judged = now;
            }
        }

        synchronized double latencyMillis(Duration commandTime) {
            if (executed == 0 || judged == 0) {
                throw new IllegalStateException("the smoke command's log lines were not seen");
            }
            return (judged - executed - commandTime.toNanos()) / 1e6;
        }
    }
}
