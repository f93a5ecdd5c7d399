package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark (not a test: nothing here runs in {@code verify}). Run it with
 * {@code mvn -B -ntp -f offline/pom.xml -Pbenchmark verify}; see docs/benchmark.md. Arguments: sections, all by
 * default ({@code upload heap deploy limits polling}); {@code --repeat=quick} for a short run that only proves the
 * harness works; {@code --clusters=1,10,100,1000} the fleet sizes; {@code --backends=1.2,2.x} the APIs (both by default); {@code --plot=<png>} where the fleet plot goes
 * (none without it). Prints progress, then the results table.
 */
public final class BenchmarkMain {

    private static final List<String> SECTIONS = List.of("upload", "heap", "deploy", "limits", "polling");

    /** The backends every section compares; a REST 2.x backend joins these lists. */
    private static final List<UploadTarget> UPLOADS = List.of(new Rest12Upload(), new Rest2Upload());

    private static final List<FleetBackend> FLEETS = List.of(new Rest12Fleet(), new Rest2Fleet());

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        // Every emulator here speaks plain http on loopback; a real workspace stays https-only.
        System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Set<String> sections = new LinkedHashSet<>();
        Repeats repeats = Repeats.FULL;
        List<Integer> clusters = List.of(1, 10, 100, 1000);
        Path plot = null;
        Set<String> backends = new LinkedHashSet<>(List.of("1.2", "2.x"));
        for (String a : args) {
            if (a.startsWith("--repeat=")) {
                repeats = Repeats.valueOf(a.substring("--repeat=".length()).toUpperCase(Locale.ROOT));
            } else if (a.startsWith("--clusters=")) {
                clusters = Arrays.stream(a.substring("--clusters=".length()).split(","))
                        .map(String::trim)
                        .map(Integer::valueOf)
                        .toList();
            } else if (a.startsWith("--backends=")) {
                backends = new LinkedHashSet<>(Arrays.asList(
                        a.substring("--backends=".length()).replace(" ", "").split(",")));
            } else if (a.startsWith("--plot=")) {
                plot = a.length() > "--plot=".length() ? Path.of(a.substring("--plot=".length())) : null;
            } else if (SECTIONS.contains(a)) {
                sections.add(a);
            } else {
                throw new IllegalArgumentException("unknown argument '" + a + "'; sections are " + SECTIONS
                        + ", options --repeat=full|quick, --clusters=1,10,..., --backends=1.2,2.x, --plot=<png>");
            }
        }
        if (!List.of("1.2", "2.x").containsAll(backends) || backends.isEmpty()) {
            throw new IllegalArgumentException("--backends takes 1.2, 2.x or both, not " + backends);
        }
        Set<String> apis = backends;
        List<UploadTarget> uploads =
                UPLOADS.stream().filter(u -> apis.contains(u.api())).toList();
        List<FleetBackend> fleets =
                FLEETS.stream().filter(f -> apis.contains(f.api())).toList();
        if (sections.isEmpty()) {
            sections.addAll(SECTIONS);
        }
        ResultTable table = new ResultTable();
        String machine = machine();
        out.println("Machine: " + machine + "; repeats " + repeats.name().toLowerCase(Locale.ROOT));
        Path dir = Files.createTempDirectory("databricks-benchmark-");
        long start = System.nanoTime();
        try {
            if (sections.contains("upload")) {
                for (UploadTarget target : uploads) {
                    try (RemoteEmulator emulator = RemoteEmulator.start("1g")) {
                        target.prepare(emulator);
                        UploadBenchmark upload = new UploadBenchmark(emulator, target, dir, out);
                        if (!upload.curlPresent()) {
                            out.println("curl was NOT found on the PATH: measuring our client alone, no comparison."
                                    + " Install curl for the ratio.");
                        }
                        out.println(
                                "Upload throughput, " + target.label() + " (interleaved: ours, curl, curl, ours, ...)");
                        for (int mib : List.of(64, 512)) {
                            upload.run(mib, repeats.uploadWarmups(mib), repeats.uploadRuns(mib), table);
                        }
                    }
                }
            }
            if (sections.contains("heap")) {
                try (DatabricksEmulator emulator = DatabricksEmulator.start()) {
                    HeapBenchmark.prepare(emulator);
                    out.println("Memory: 512 MiB upload in a child JVM with a small heap");
                    for (String api : apis) {
                        HeapBenchmark.run(emulator, api, dir, 512, "64m", "succeeds", out, table);
                        // The same cold child with room to spare: what the small heap itself costs.
                        HeapBenchmark.run(
                                emulator, api, dir, 512, "1g", "comparison: what the small heap costs", out, table);
                    }
                }
            }
            List<FleetPoint> points = new ArrayList<>();
            if (sections.contains("deploy")) {
                for (FleetBackend backend : fleets) {
                    out.println("Deploy at fleet scale, " + backend.name() + ": " + clusters + " clusters");
                    points.addAll(DeployBenchmark.fleet(backend, clusters, repeats, dir, out, table));
                }
            }
            if (sections.contains("limits")) {
                for (FleetBackend backend : fleets) {
                    out.println("Deploy under the service limits, " + backend.name());
                    DeployBenchmark.limits(backend, repeats, dir, out, table);
                }
            }
            if (sections.contains("polling")) {
                out.println("Polling: smoke command that finishes after a set time");
                PollingBenchmark.run(dir, Duration.ofSeconds(2), repeats.pollingRuns(), out, table);
            }
            if (plot != null && !points.isEmpty()) {
                writePlot(plot, points, repeats, out);
            }
        } finally {
            deleteTree(dir);
        }
        out.println();
        out.println("Machine: " + machine);
        out.println(ResultTable.format(
                "Benchmark time: %.0f s (repeats %s)",
                (System.nanoTime() - start) / 1e9, repeats.name().toLowerCase(Locale.ROOT)));
        out.println();
        table.print(out);
    }

    /** A plot that cannot be drawn (no fonts on a bare machine, say) costs the plot, not the figures. */
    private static void writePlot(Path plot, List<FleetPoint> points, Repeats repeats, PrintStream out) {
        try {
            FleetPlot.write(
                    plot,
                    points,
                    (repeats == Repeats.QUICK ? "QUICK RUN (provisional figures), " : "")
                            + ResultTable.format(
                                    "%d CPUs, %s",
                                    Runtime.getRuntime().availableProcessors(), LocalDate.now(ZoneOffset.UTC)));
            out.println("Plot written to " + plot.toAbsolutePath().normalize());
        } catch (IOException | RuntimeException | Error e) {
            out.println("Plot NOT written (" + e + "); the figures above stand");
        }
    }

    static String machine() {
        long memory =
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getTotalMemorySize()
                        : -1;
        String curl = UploadBenchmark.curlVersion();
        return Runtime.getRuntime().availableProcessors() + " CPUs, "
                + (memory < 0 ? "memory unknown" : ResultTable.format("%.1f GiB RAM", memory / 1024.0 / 1024 / 1024))
                + ", " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + (curl == null ? "no curl" : curl.split(" \\(")[0]);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
