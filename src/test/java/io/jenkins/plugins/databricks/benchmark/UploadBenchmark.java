package io.jenkins.plugins.databricks.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedLibrary;
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
 * Upload throughput, our client against {@code curl -F}, to the same emulator endpoint: interleaved runs (ours, curl,
 * ours, curl, ...) per jar size, medians, and the ratio of the medians. Our time is the wall time of
 * {@link Rest12Client#uploadLibrary}; curl's is its own {@code time_total} (process start-up excluded, which
 * favours curl); runs alternate who goes first. Both go through the same emulator parse (multipart + SHA-256 of every byte).
 */
final class UploadBenchmark {

    private static final double MIB = 1024.0 * 1024.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DatabricksEmulator emulator;
    private final Path dir;
    private final PrintStream out;
    private final boolean curlPresent;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Samples oursCpuMillis = new Samples();
    private int uploads;

    UploadBenchmark(DatabricksEmulator emulator, Path dir, PrintStream out) {
        this.emulator = emulator;
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

    void run(int mib, int warmups, int runs, ResultTable table) throws Exception {
        Path jar = dir.resolve("upload-" + mib + "m.jar");
        long size = GeneratedJar.write(jar, (long) mib * 1024 * 1024, mib);
        Path curlConfig = curlConfig();
        Samples ours = new Samples();
        oursCpuMillis.clear();
        Samples curl = new Samples();
        try (Rest12Client client = HttpTransport.builder(emulator.url())
                .auth(Auth.bearer(emulator.token()))
                .build(Rest12Client::new)) {
            // Untimed rounds first: a Jenkins controller is a long-running JVM, so the client (and the emulator,
            // which both sides share) are measured with their hot paths compiled.
            for (int i = 0; i < warmups; i++) {
                ours(client, jar, size);
                if (curlPresent) {
                    curl(curlConfig, jar, size);
                }
            }
            for (int i = 0; i < runs; i++) {
                // Alternate who goes first, so a drift in the machine's load does not favour either side.
                boolean oursFirst = i % 2 == 0;
                double c = curlPresent && !oursFirst ? curl(curlConfig, jar, size) : 0;
                double o = ours(client, jar, size);
                if (curlPresent && oursFirst) {
                    c = curl(curlConfig, jar, size);
                }
                ours.add(size / MIB / o);
                String line = ResultTable.format("  %d MiB run %d: ours %.0f MiB/s", mib, i + 1, size / MIB / o);
                if (curlPresent) {
                    curl.add(size / MIB / c);
                    line += ResultTable.format(", curl %.0f MiB/s", size / MIB / c);
                }
                out.println(line);
            }
        } finally {
            Files.deleteIfExists(jar);
            Files.deleteIfExists(curlConfig);
        }
        if (curlPresent) {
            double ratio = ours.median() / curl.median();
            table.row(
                    ResultTable.format(
                            "Upload %d MiB, median of %d interleaved runs each (after %d untimed each)",
                            mib, runs, warmups),
                    ResultTable.format(
                            "ours %.0f MiB/s, curl %.0f MiB/s, ratio **%.2f**; our client's own CPU %.0f ms per upload",
                            ours.median(), curl.median(), ratio, oursCpuMillis.median()),
                    "ratio ≥ 0.95: " + ResultTable.verdict(ratio >= 0.95));
        } else {
            table.row(
                    ResultTable.format("Upload %d MiB, median of %d runs", mib, runs),
                    ResultTable.format("ours %.0f MiB/s; curl not found on the PATH, no comparison", ours.median()),
                    "ratio ≥ 0.95: not measured");
        }
    }

    boolean curlPresent() {
        return curlPresent;
    }

    private String nextName(String who) {
        return "bench-" + who + "-" + (++uploads) + ".jar";
    }

    /** Seconds for one upload with our client. */
    private double ours(Rest12Client client, Path jar, long size) throws IOException {
        String name = nextName("ours");
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        String id = client.uploadLibrary(LibraryUpload.jar("/bench", name, UploadSource.of(jar)));
        double seconds = (System.nanoTime() - start) / 1e9;
        oursCpuMillis.add((threads.getCurrentThreadCpuTime() - cpu) / 1e6);
        checkReceived(id, size, "our client");
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
                "%{http_code} %{time_total}",
                "-F",
                "uri=@" + jar,
                "-F",
                "name=" + name,
                "-F",
                "folder=/bench",
                "-F",
                "libType=java-jar",
                emulator.url() + "/api/1.2/libraries/upload"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String written = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0 || !written.startsWith("200 ")) {
            p.destroyForcibly();
            throw new IllegalStateException("curl upload failed: " + written);
        }
        JsonNode body = JSON.readTree(Files.readString(answer));
        Files.deleteIfExists(answer);
        checkReceived(body.path("id").asText(), size, "curl");
        return Double.parseDouble(written.substring(4).trim());
    }

    private void checkReceived(String id, long size, String who) {
        EmulatedLibrary lib = emulator.library(id);
        if (lib.sizeBytes() != size) {
            throw new IllegalStateException(
                    who + " upload arrived with " + lib.sizeBytes() + " bytes instead of " + size);
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
