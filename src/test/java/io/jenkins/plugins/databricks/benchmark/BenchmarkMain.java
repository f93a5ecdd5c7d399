package io.jenkins.plugins.databricks.benchmark;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark (not a test: nothing here runs in {@code verify}). Run it with
 * {@code mvn -B -ntp -f offline/pom.xml -Pbenchmark verify}; see docs/benchmark.md. Sections, all by default, or
 * name some as arguments: {@code upload heap deploy polling}. Prints progress, then the results table.
 */
public final class BenchmarkMain {

    private static final List<String> SECTIONS = List.of("upload", "heap", "deploy", "polling");

    private BenchmarkMain() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Set<String> sections = new LinkedHashSet<>(args.length == 0 ? SECTIONS : List.of(args));
        for (String s : sections) {
            if (!SECTIONS.contains(s)) {
                throw new IllegalArgumentException("unknown section '" + s + "'; choose from " + SECTIONS);
            }
        }
        ResultTable table = new ResultTable();
        out.println("Machine: " + machine());
        Path dir = Files.createTempDirectory("databricks-benchmark-");
        long start = System.nanoTime();
        try {
            if (sections.contains("upload") || sections.contains("heap")) {
                try (DatabricksEmulator emulator = DatabricksEmulator.start()) {
                    if (sections.contains("upload")) {
                        UploadBenchmark upload = new UploadBenchmark(emulator, dir, out);
                        if (!upload.curlPresent()) {
                            out.println("curl was NOT found on the PATH: measuring our client alone, no comparison."
                                    + " Install curl for the ratio.");
                        }
                        out.println("Upload throughput (interleaved: ours, curl, ours, curl, ...)");
                        upload.run(64, 3, 9, table);
                        upload.run(512, 1, 5, table);
                    }
                    if (sections.contains("heap")) {
                        out.println("Memory: 512 MiB upload in a child JVM with a small heap");
                        HeapBenchmark.run(emulator, dir, 512, "64m", "succeeds", out, table);
                        // The same cold child with room to spare: what the small heap itself costs.
                        HeapBenchmark.run(
                                emulator, dir, 512, "1g", "comparison: what the small heap costs", out, table);
                    }
                }
            }
            if (sections.contains("deploy")) {
                out.println("Deploy overhead");
                DeployBenchmark.run(dir, 20, 50, out, table);
            }
            if (sections.contains("polling")) {
                out.println("Polling: smoke command that finishes after a set time");
                PollingBenchmark.run(dir, Duration.ofSeconds(2), 3, out, table);
            }
        } finally {
            deleteTree(dir);
        }
        out.println();
        out.println("Machine: " + machine());
        out.println(ResultTable.format("Benchmark time: %.0f s", (System.nanoTime() - start) / 1e9));
        out.println();
        table.print(out);
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
