package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.LocalJarLocator;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.Sleeper;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.deploy.rest12.Rest12Gateway;
import io.jenkins.plugins.databricks.emulator.ClusterState;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.JournalEntry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Our own cost of a full deploy: 10 Running clusters, every emulator delay zero, polls at 1 ms (so no wait is ever
 * longer than the engine's own work), the default restart policy, a smoke command that finishes at once, and
 * {@code keepVersions=1} so every deploy meets the same steady state (one old version attached, one detached).
 * Reports the median wall time of {@code Deployer.deploy} (plan + execute, the emulator's handling on loopback
 * included, nothing subtracted) and the requests per deploy from the emulator's journal.
 */
final class DeployBenchmark {

    static final int CLUSTERS = 10;

    private DeployBenchmark() {}

    static void run(Path dir, int warmups, int deploys, PrintStream out, ResultTable table) throws Exception {
        try (DatabricksEmulator emulator = DatabricksEmulator.start();
                Rest12Client client = HttpTransport.builder(emulator.url())
                        .auth(Auth.bearer(emulator.token()))
                        .build(Rest12Client::new)) {
            zeroDelays(emulator);
            List<String> clusterIds = new ArrayList<>();
            for (int i = 0; i < CLUSTERS; i++) {
                String id = String.format(java.util.Locale.ROOT, "0101-000000-bench%02d", i);
                emulator.addCluster(id, "bench-" + i, ClusterState.RUNNING);
                clusterIds.add(id);
            }
            Path workspace = Files.createDirectories(dir.resolve("deploy-workspace"));
            GeneratedJar.write(workspace.resolve("app-1.0.jar"), 64 * 1024, 1);
            Deployer deployer = new Deployer(
                    new Rest12Gateway(client),
                    new LocalJarLocator(workspace),
                    DeployListener.NONE,
                    new Poller(Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Clock.systemUTC(), Sleeper.SYSTEM));
            Samples millis = new Samples();
            Samples requests = new Samples();
            Map<String, Long> perEndpoint = Map.of();
            Map<String, Samples> steps = new TreeMap<>();
            for (int i = 0; i < warmups + deploys; i++) {
                DeploySpec spec = spec(emulator, clusterIds, "b" + i);
                emulator.journal().clear();
                long start = System.nanoTime();
                DeployReport report = deployer.deploy(spec);
                double ms = (System.nanoTime() - start) / 1e6;
                if (report.outcome() != DeployReport.Outcome.DEPLOYED) {
                    throw new IllegalStateException("deploy " + i + " ended " + report.outcome());
                }
                List<JournalEntry> journal = emulator.journal().entries();
                if (i < warmups) {
                    continue;
                }
                millis.add(ms);
                requests.add(journal.size());
                perEndpoint = journal.stream()
                        .collect(Collectors.groupingBy(JournalEntry::call, TreeMap::new, Collectors.counting()));
                report.timingsMillis()
                        .forEach((step, t) ->
                                steps.computeIfAbsent(step, k -> new Samples()).add(t));
            }
            out.println(ResultTable.format(
                    "  %d deploys to %d clusters: median %.1f ms (min %.1f, p90 %.1f, max %.1f); %s requests each",
                    deploys,
                    CLUSTERS,
                    millis.median(),
                    millis.min(),
                    millis.percentile(0.9),
                    millis.max(),
                    requests.min() == requests.max()
                            ? ResultTable.format("%.0f", requests.min())
                            : ResultTable.format("%.0f to %.0f", requests.min(), requests.max())));
            out.println("  requests of the last deploy: " + perEndpoint);
            out.println("  engine step timings (median ms): "
                    + steps.entrySet().stream()
                            .map(e -> e.getKey() + "="
                                    + ResultTable.format("%.0f", e.getValue().median()))
                            .collect(Collectors.joining(", ")));
            table.row(
                    ResultTable.format("Deploy to %d clusters, all delays zero: wall time per deploy", CLUSTERS),
                    ResultTable.format(
                            "median **%.1f ms** of %d (min %.1f, p90 %.1f) after %d warm-up deploys",
                            millis.median(), deploys, millis.min(), millis.percentile(0.9), warmups),
                    "< 150 ms: " + ResultTable.verdict(millis.median() < 150));
            int minimum = protocolMinimum(CLUSTERS);
            table.row(
                    "Requests per deploy (emulator journal)",
                    ResultTable.format("**%.0f** (%s)", requests.median(), breakdown(perEndpoint)),
                    "protocol minimum " + minimum + " (see the derivation below)");
        }
    }

    /** The derivation is in docs/benchmark.md; keep the two in step. */
    static int protocolMinimum(int clusters) {
        int preflight = 1 /* clusters/list */ + 1 /* libraries/list */ + 2 /* libraries/status per old version */;
        int swap = 1 /* upload */ + clusters /* attach */ + clusters /* detach */ + clusters /* restart */;
        int wait = 1 /* clusters/list */ + 1 /* libraries/status of the new version */;
        int smoke = clusters * 5 /* contexts/create, contexts/status, commands/execute, commands/status, destroy */;
        int cleanup = 1 /* libraries/delete of the version beyond keepVersions */;
        return preflight + swap + wait + smoke + cleanup;
    }

    private static String breakdown(Map<String, Long> perEndpoint) {
        return perEndpoint.entrySet().stream()
                .map(e -> e.getKey().replace("GET ", "").replace("POST ", "") + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static void zeroDelays(DatabricksEmulator emulator) {
        emulator.settings()
                .restartDuration(Duration.ZERO)
                .terminateDuration(Duration.ZERO)
                .attachDelay(Duration.ZERO)
                .contextStartDuration(Duration.ZERO)
                .commandQueuedDuration(Duration.ZERO)
                .commandRunDuration(Duration.ZERO)
                .cancelDuration(Duration.ZERO);
    }

    private static DeploySpec spec(DatabricksEmulator emulator, List<String> clusters, String build) throws Exception {
        return DeploySpec.builder()
                .workspaceUrl(emulator.url())
                .auth(WorkspaceAuth.bearer(emulator.token()))
                .jar("app-*.jar")
                .libraryName("{name}-{build}.jar")
                .folder("/Shared/bench")
                .clusters(clusters)
                .keepVersions(1)
                .smokeCommand("print('ok')")
                .smokeLanguage("python")
                .smokeExpect("ok")
                .waitTimeout(Duration.ofSeconds(30))
                .smokeTimeout(Duration.ofSeconds(30))
                .buildId(build)
                .build();
    }
}
