package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.deploy.DeployListener;
import io.jenkins.plugins.databricks.deploy.DeployReport;
import io.jenkins.plugins.databricks.deploy.DeploySpec;
import io.jenkins.plugins.databricks.deploy.Deployer;
import io.jenkins.plugins.databricks.deploy.LocalJarLocator;
import io.jenkins.plugins.databricks.deploy.Poller;
import io.jenkins.plugins.databricks.deploy.Sleeper;
import io.jenkins.plugins.databricks.deploy.WorkspaceAuth;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.ServiceLimits;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Our own cost of a full deploy at fleet sizes (1, 10, 100, 1,000 clusters), per backend: N Running clusters in an
 * emulator in a JVM of its own with every delay zero, polls at 1 ms (so no wait is ever longer than the engine's own
 * work), the default restart policy, a smoke command that finishes at once, and {@code keepVersions=1} so every
 * deploy meets the same steady state (one old version attached, one detached). Per size: the wall time of {@code
 * Deployer.deploy} (plan + execute; the emulator's handling on loopback included, nothing subtracted), this JVM's CPU
 * time (all of it is engine and client: the emulator is elsewhere), the requests from the emulator's journal against
 * the backend's protocol minimum, and the heap high-water. Also a deploy to 100 clusters under the service limits.
 */
final class DeployBenchmark {

    /** The rate the limits row gives every endpoint but the Files API: the one number seen published (DBFS). */
    static final int OTHER_ENDPOINTS_PER_SECOND = 30;

    static final int LIMITED_CLUSTERS = 100;

    private DeployBenchmark() {}

    /** What the measured deploys of one size gave. */
    private record Stats(
            int warmups,
            long jitMillis,
            double systemShare,
            Samples wallMillis,
            double cpuMillisPerDeploy,
            Samples requests,
            Samples limited,
            Samples limitedFiles,
            long retries,
            double heapMib,
            Map<String, Integer> lastPerCall,
            Map<String, Samples> steps,
            List<String> failures) {}

    /** The fleet rows, one per size; returns the points for the plot. */
    static List<FleetPoint> fleet(
            FleetBackend backend, List<Integer> sizes, Repeats repeats, Path dir, PrintStream out, ResultTable table)
            throws Exception {
        List<FleetPoint> points = new ArrayList<>();
        List<double[]> cpuByClusters = new ArrayList<>();
        for (int n : sizes) {
            int warmups = repeats.deployWarmups(n);
            int deploys = repeats.deploys(n);
            Stats s = measure(backend, n, warmups, repeats.jitSettleCap(), deploys, false, dir, out);
            int minimum = backend.protocolMinimum(n);
            double requests = s.requests().median();
            double cpuPerCluster = s.cpuMillisPerDeploy() / n;
            out.println(ResultTable.format(
                    "  %s, %d clusters: %d deploys after %d warm-ups, wall median %.1f ms (min %.1f, p90 %.1f); CPU %.2f ms per"
                            + " cluster (JIT %d ms in all); %.0f requests (minimum %d); heap high-water %.0f MiB",
                    backend.name(),
                    n,
                    deploys,
                    s.warmups(),
                    s.wallMillis().median(),
                    s.wallMillis().min(),
                    s.wallMillis().percentile(0.9),
                    cpuPerCluster,
                    s.jitMillis(),
                    requests,
                    minimum,
                    s.heapMib()));
            out.println("  requests of the last deploy: " + s.lastPerCall());
            out.println("  engine step timings (median ms): " + steps(s));
            if (!s.failures().isEmpty()) {
                throw new IllegalStateException(backend.name() + " deploy to " + n + " clusters failed: "
                        + s.failures().get(0));
            }
            double over = (requests - minimum) / minimum;
            String goals = "requests ≤ minimum + 5%: " + ResultTable.verdict(over <= 0.05)
                    + "; CPU < 2 ms per cluster: " + ResultTable.verdict(cpuPerCluster < 2);
            if (n >= 1000) {
                goals += "; wall < 5 s: " + ResultTable.verdict(s.wallMillis().median() < 5000);
            }
            goals += backend.pollingGoal(s.lastPerCall()).map(g -> "; " + g).orElse("");
            table.row(
                    ResultTable.format(
                            "Deploy to %d cluster%s, %s, all delays zero (emulator in its own JVM)",
                            n, n == 1 ? "" : "s", backend.name()),
                    ResultTable.format(
                            "wall **%s** median of %d (min %s, p90 %s) after %d warm-up deploys; our CPU **%.2f ms"
                                    + " per cluster** (%.1f ms per deploy, mean; %.0f%% of it in the kernel; JIT compiling for %d ms meanwhile); requests **%.0f** = minimum %d (%s) %+.0f"
                                    + " (%+.1f%%); heap high-water %.0f MiB",
                            millis(s.wallMillis().median()),
                            deploys,
                            millis(s.wallMillis().min()),
                            millis(s.wallMillis().percentile(0.9)),
                            s.warmups(),
                            cpuPerCluster,
                            s.cpuMillisPerDeploy(),
                            s.systemShare() * 100,
                            s.jitMillis(),
                            requests,
                            minimum,
                            backend.minimumFormula(),
                            requests - minimum,
                            over * 100,
                            s.heapMib()),
                    goals);
            table.note(ResultTable.format(
                    "Requests of one %s deploy to %d cluster%s: %s.",
                    backend.name(), n, n == 1 ? "" : "s", breakdown(s.lastPerCall())));
            points.add(new FleetPoint(backend.name(), n, s.wallMillis().median(), requests, minimum));
            cpuByClusters.add(new double[] {n, s.cpuMillisPerDeploy()});
        }
        if (cpuByClusters.size() >= 2) {
            double[] fit = leastSquares(cpuByClusters);
            table.note(ResultTable.format(
                    "%s: our CPU per deploy fits %.1f ms + %.2f ms × N (least squares over N = %s).",
                    backend.name(), fit[0], fit[1], sizes));
        }
        return points;
    }

    /** The deploy to {@link #LIMITED_CLUSTERS} clusters with the emulator enforcing the service limits. */
    static void limits(FleetBackend backend, Repeats repeats, Path dir, PrintStream out, ResultTable table)
            throws Exception {
        int n = LIMITED_CLUSTERS;
        int deploys = repeats.limitedDeploys();
        Stats s = measure(backend, n, 2, Duration.ZERO, deploys, true, dir, out);
        String measure = ResultTable.format(
                "Deploy to %d clusters, %s, service limits on (Files API %d at once and %d/s, other endpoints %d/s;"
                        + " excess answered 429 with Retry-After), engine's default polling",
                n,
                backend.name(),
                ServiceLimits.FILES_API_CONCURRENT,
                ServiceLimits.FILES_API_PER_SECOND,
                OTHER_ENDPOINTS_PER_SECOND);
        out.println(ResultTable.format(
                "  %s, %d clusters under limits: %d of %d deployed; wall median %.1f s; %.0f requests answered (%.0f"
                        + " of them 429); %d retries by our client",
                backend.name(),
                n,
                deploys - s.failures().size(),
                deploys,
                s.wallMillis().median() / 1000,
                s.requests().median(),
                s.limited().median(),
                s.retries()));
        s.failures().forEach(f -> out.println("  FAILED: " + f));
        table.row(
                measure,
                ResultTable.format(
                        "%s; wall median **%.1f s**; per deploy (median) %.0f requests answered, **%.0f** of them 429"
                                + " and retried (%.0f of those from the Files API; %d retries told to the client's retry"
                                + " listener over %d deploys)",
                        s.failures().isEmpty()
                                ? ResultTable.format("all %d deploys DEPLOYED", deploys)
                                : ResultTable.format(
                                        "**%d of %d FAILED**: %s",
                                        s.failures().size(),
                                        deploys,
                                        s.failures().get(0)),
                        s.wallMillis().median() / 1000,
                        s.requests().median(),
                        s.limited().median(),
                        s.limitedFiles().median(),
                        s.retries(),
                        deploys),
                "finishes with no failure: " + ResultTable.verdict(s.failures().isEmpty()));
    }

    private static Stats measure(
            FleetBackend backend,
            int clusters,
            int warmups,
            Duration jitSettleCap,
            int deploys,
            boolean limited,
            Path dir,
            PrintStream out)
            throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("deploy-" + clusters + (limited ? "-limited" : "")));
        GeneratedJar.write(workspace.resolve("app-1.0.jar"), 64 * 1024, 1);
        AtomicLong retries = new AtomicLong();
        try (RemoteEmulator emulator = RemoteEmulator.start(clusters >= 1000 ? "2g" : "1g");
                FleetBackend.Connection connection =
                        backend.connect(emulator.url(), emulator.token(), endpoint -> retries.incrementAndGet())) {
            emulator.addClusters(clusters);
            emulator.zeroDelays();
            backend.prepare(emulator);
            // Under limits a real deploy polls with the engine's default policy; without, polls at 1 ms keep every
            // wait shorter than the engine's own work.
            Poller poller = limited
                    ? Poller.standard()
                    : new Poller(Duration.ofMillis(1), 1.0, Duration.ofMillis(1), Clock.systemUTC(), Sleeper.SYSTEM);
            Deployer deployer =
                    new Deployer(connection.gateway(), new LocalJarLocator(workspace), DeployListener.NONE, poller);
            List<String> ids = RemoteEmulator.clusterIds(clusters);
            Samples wall = new Samples();
            Samples requests = new Samples();
            Samples rejected = new Samples();
            Samples rejectedFiles = new Samples();
            Map<String, Integer> perCall = Map.of();
            Map<String, Samples> steps = new TreeMap<>();
            List<String> failures = new ArrayList<>();
            // Warm-ups without limits: they only bring the steady state and compiled hot paths. A Jenkins
            // controller runs for weeks, so after the set number they go on (up to a time cap) until the JIT has
            // settled; otherwise its compiling would count as our CPU per deploy.
            int warmed = 0;
            int settled = 0;
            long warmStart = System.nanoTime();
            while (true) {
                long jit = JitTime.millis();
                DeployReport report = deployer.deploy(spec(backend, emulator, ids, "w" + warmed));
                warmed++;
                if (report.outcome() != DeployReport.Outcome.DEPLOYED) {
                    throw new IllegalStateException("warm-up deploy " + warmed + " ended " + report.outcome());
                }
                settled = JitTime.millis() - jit < 1 ? settled + 1 : 0;
                if (warmed >= warmups && (settled >= 3 || System.nanoTime() - warmStart > jitSettleCap.toNanos())) {
                    break;
                }
            }
            if (limited) {
                emulator.limits(
                        ServiceLimits.FILES_API_CONCURRENT,
                        ServiceLimits.FILES_API_PER_SECOND,
                        OTHER_ENDPOINTS_PER_SECOND);
            }
            retries.set(0);
            System.gc();
            long cpuTotal = 0;
            long systemBefore = OwnCpu.systemNanos();
            long jitBefore = JitTime.millis();
            try (HeapHighWater heap = new HeapHighWater()) {
                for (int i = 0; i < deploys; i++) {
                    DeploySpec spec = spec(backend, emulator, ids, "b" + i);
                    emulator.clearJournal();
                    long cpu0 = OwnCpu.processNanos();
                    long start = System.nanoTime();
                    try {
                        DeployReport report = deployer.deploy(spec);
                        if (report.outcome() != DeployReport.Outcome.DEPLOYED) {
                            failures.add("deploy " + i + " ended " + report.outcome());
                        }
                        report.timingsMillis()
                                .forEach((step, t) -> steps.computeIfAbsent(step, k -> new Samples())
                                        .add(t));
                    } catch (Exception e) {
                        failures.add("deploy " + i + " threw " + e);
                    }
                    wall.add((System.nanoTime() - start) / 1e6);
                    cpuTotal += OwnCpu.processNanos() - cpu0;
                    RemoteEmulator.Requests journal = emulator.requests();
                    requests.add(journal.total());
                    rejected.add(journal.limited());
                    rejectedFiles.add(journal.limitedFiles());
                    perCall = journal.perCall();
                }
                // The process clock ticks in 10 ms on Linux: a mean over every measured deploy, not a median.
                return new Stats(
                        warmed,
                        JitTime.millis() - jitBefore,
                        cpuTotal == 0 || systemBefore < 0
                                ? Double.NaN
                                : (OwnCpu.systemNanos() - systemBefore) / (double) cpuTotal,
                        wall,
                        cpuTotal / 1e6 / deploys,
                        requests,
                        rejected,
                        rejectedFiles,
                        retries.get(),
                        heap.mib(),
                        perCall,
                        steps,
                        failures);
            }
        }
    }

    private static DeploySpec spec(FleetBackend backend, RemoteEmulator emulator, List<String> clusters, String build)
            throws Exception {
        return backend.target(DeploySpec.builder())
                .workspaceUrl(emulator.url())
                .auth(WorkspaceAuth.bearer(emulator.token()))
                .jar("app-*.jar")
                .libraryName("{name}-{build}.jar")
                .clusters(clusters)
                .keepVersions(1)
                .smokeCommand("print('ok')")
                .smokeLanguage("python")
                .smokeExpect("ok")
                .waitTimeout(Duration.ofMinutes(5))
                .smokeTimeout(Duration.ofMinutes(5))
                .buildId(build)
                .build();
    }

    /** {intercept, slope} of the straight line through (x, y) points with the least squared error. */
    static double[] leastSquares(List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {(sy - slope * sx) / n, slope};
    }

    private static String millis(double ms) {
        return ms >= 1000 ? ResultTable.format("%.2f s", ms / 1000) : ResultTable.format("%.1f ms", ms);
    }

    private static String steps(Stats s) {
        return s.steps().entrySet().stream()
                .map(e -> e.getKey() + "="
                        + ResultTable.format("%.0f", e.getValue().median()))
                .collect(Collectors.joining(", "));
    }

    private static String breakdown(Map<String, Integer> perCall) {
        return perCall.entrySet().stream()
                .map(e -> e.getKey().replace("GET ", "").replace("POST ", "") + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static void zeroDelays(DatabricksEmulator emulator) {
        emulator.settings()
                .restartDuration(Duration.ZERO)
                .startDuration(Duration.ZERO)
                .terminateDuration(Duration.ZERO)
                .libraryPendingDuration(Duration.ZERO)
                .libraryInstallDuration(Duration.ZERO)
                .attachDelay(Duration.ZERO)
                .contextStartDuration(Duration.ZERO)
                .commandQueuedDuration(Duration.ZERO)
                .commandRunDuration(Duration.ZERO)
                .cancelDuration(Duration.ZERO);
    }
}
