package io.jenkins.plugins.databricks.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Upload throughput, our client against curl, to the same endpoint of an emulator in a JVM of its own ({@link
 * RemoteEmulator}): our client here, curl in its own process, so neither shares cores, heap or GC with the server.
 * Interleaved runs (ours, curl, curl, ours, ...: who goes first alternates) per jar size; each run pair gives a ratio,
 * and the table shows the median ratio with its spread. Our time is the wall time of our upload call; curl's is its
 * own {@code time_total} (process start-up excluded, which favours curl). Also our process's CPU per MiB.
 */
final class UploadBenchmark {

    private static final double MIB = 1024.0 * 1024.0;

    private final RemoteEmulator emulator;
    private final UploadTarget target;
    private final Path dir;
    private final PrintStream out;
    private final boolean curlPresent;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private int uploads;

    UploadBenchmark(RemoteEmulator emulator, UploadTarget target, Path dir, PrintStream out) {
        this.emulator = emulator;
        this.target = target;
        this.dir = dir;
        this.out = out;
        this.curlPresent = curlVersion() != null;
    }

    /** {@code curl --version}'s first line, or null when there is no curl on the PATH. */
    static String curlVersion() {
        try {
            Process p = new ProcessBuilder("curl", "--version")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? text.lines().findFirst().orElse("curl") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    boolean curlPresent() {
        return curlPresent;
    }

    void run(int mib, int warmups, int runs, ResultTable table) throws Exception {
        Path jar = dir.resolve("upload-" + mib + "m.jar");
        long size = GeneratedJar.write(jar, (long) mib * 1024 * 1024, mib);
        Path curlConfig = curlConfig();
        Samples ours = new Samples();
        Samples curl = new Samples();
        Samples ratios = new Samples();
        Samples processCpu = new Samples();
        Samples threadCpu = new Samples();
        try (UploadTarget.Uploader client = target.open(emulator.url(), emulator.token())) {
            // Untimed rounds first: a Jenkins controller is a long-running JVM, so the client (and the emulator)
            // are measured with their hot paths compiled.
            for (int i = 0; i < warmups; i++) {
                ours(client, jar, size, new Samples(), new Samples());
                if (curlPresent) {
                    curl(curlConfig, jar, size);
                }
            }
            for (int i = 0; i < runs; i++) {
                // Alternate who goes first, so a drift in the machine's load does not favour either side.
                boolean oursFirst = i % 2 == 0;
                double c = curlPresent && !oursFirst ? curl(curlConfig, jar, size) : 0;
                double o = ours(client, jar, size, processCpu, threadCpu);
                if (curlPresent && oursFirst) {
                    c = curl(curlConfig, jar, size);
                }
                ours.add(size / MIB / o);
                String line = ResultTable.format("  %d MiB run %d: ours %.0f MiB/s", mib, i + 1, size / MIB / o);
                if (curlPresent) {
                    curl.add(size / MIB / c);
                    ratios.add(c / o);
                    line += ResultTable.format(", curl %.0f MiB/s, ratio %.2f", size / MIB / c, c / o);
                }
                out.println(line);
            }
        } finally {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(curlConfig);
        }
        String cpu = ResultTable.format(
                "our client's CPU %.2f ms per MiB (our process; %.2f on the uploading thread)",
                processCpu.median() / mib, threadCpu.median() / mib);
        String measure = ResultTable.format(
                "Upload %d MiB, %s, median of %d interleaved runs each (after %d untimed each), emulator in its own JVM",
                mib, target.label(), runs, warmups);
        if (curlPresent) {
            table.row(
                    measure,
                    ResultTable.format(
                            "ours %.0f MiB/s, curl %.0f MiB/s; ratio per run pair: median **%.2f**, min–max %.2f–%.2f,"
                                    + " IQR %.2f–%.2f; %s",
                            ours.median(),
                            curl.median(),
                            ratios.median(),
                            ratios.min(),
                            ratios.max(),
                            ratios.percentile(0.25),
                            ratios.percentile(0.75),
                            cpu),
                    "ratio ≥ 0.95: " + ResultTable.verdict(ratios.median() >= 0.95));
        } else {
            table.row(
                    measure,
                    ResultTable.format(
                            "ours %.0f MiB/s; curl not found on the PATH, no comparison; %s", ours.median(), cpu),
                    "ratio ≥ 0.95: not measured");
        }
    }

    private String nextName(String who) {
        return "bench-" + who + "-" + (++uploads) + ".jar";
    }

    /** Seconds for one upload with our client; adds its CPU time (ms) to the two samples. */
    private double ours(UploadTarget.Uploader client, Path jar, long size, Samples processCpu, Samples threadCpu)
            throws IOException {
        String name = nextName("ours");
        long process = OwnCpu.processNanos();
        long thread = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        String result = client.upload(jar, name);
        double seconds = (System.nanoTime() - start) / 1e9;
        threadCpu.add((threads.getCurrentThreadCpuTime() - thread) / 1e6);
        processCpu.add((OwnCpu.processNanos() - process) / 1e6);
        checkReceived(result, size, "our client");
        return seconds;
    }

    /** Seconds for one upload with curl, as curl measures it ({@code time_total}). */
    private double curl(Path config, Path jar, long size) throws IOException, InterruptedException {
        String name = nextName("curl");
        Path answer = dir.resolve("curl-answer.json");
        List<String> command = new ArrayList<>(List.of(
                "curl",
                "-sS",
                "--config",
                config.toString(),
                "-o",
                answer.toString(),
                "-w",
                "%{http_code} %{time_total}"));
        command.addAll(target.curlArguments(emulator.url(), jar, name));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String written = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !written.matches("2\\d\\d .*")) {
            p.destroyForcibly();
            throw new IllegalStateException("curl upload failed: " + written);
        }
        String body = Files.exists(answer) ? Files.readString(answer) : "";
        Files.deleteIfExists(answer);
        checkReceived(target.curlResult(body, name), size, "curl");
        return Double.parseDouble(written.substring(4).trim());
    }

    private void checkReceived(String result, long size, String who) throws IOException {
        long received = target.receivedBytes(emulator, result);
        if (received != size) {
            throw new IllegalStateException(who + " upload arrived with " + received + " bytes instead of " + size);
        }
    }

    /** The token goes to curl in a config file readable only by us, never on its command line. */
    private Path curlConfig() throws IOException {
        Path config = dir.resolve("curl.config");
        Files.deleteIfExists(config);
        Files.createFile(config, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(config, "header = \"Authorization: Bearer " + emulator.token() + "\"\n");
        return config;
    }
}
