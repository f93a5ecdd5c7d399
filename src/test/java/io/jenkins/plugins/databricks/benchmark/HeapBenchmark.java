package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.emulator.DatabricksEmulator;
import io.jenkins.plugins.databricks.emulator.EmulatedFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The memory bound: a 512 MiB upload with our client in a child JVM with {@code -Xmx64m} (the emulator stays in
 * this JVM, so only the client's memory is measured), through REST 1.2's {@code libraries/upload} or REST 2.x's Files
 * API (to a volume {@link #prepare} adds). Reports success and the child's heap high-water.
 */
final class HeapBenchmark {

    private static final double MIB = 1024.0 * 1024.0;

    private HeapBenchmark() {}

    /** The volume the 2.x upload goes to. */
    static void prepare(DatabricksEmulator emulator) {
        emulator.addVolume(Rest2Upload.CATALOG, Rest2Upload.SCHEMA, Rest2Upload.VOLUME);
    }

    /**
     * @param api {@code 1.2} or {@code 2.x}
     * @param goal the table's goal column: {@code "succeeds"} for the bound, or a note for a comparison run
     */
    static void run(
            DatabricksEmulator emulator,
            String api,
            Path dir,
            int mib,
            String heap,
            String goal,
            PrintStream out,
            ResultTable table)
            throws IOException, InterruptedException {
        Path jar = dir.resolve("heap-" + mib + "m.jar");
        long size = GeneratedJar.write(jar, (long) mib * 1024 * 1024, 7);
        try {
            String java =
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(
                            java,
                            "-Xmx" + heap,
                            "-cp",
                            System.getProperty("java.class.path"),
                            SmallHeapClientUpload.class.getName(),
                            emulator.url(),
                            jar.toString(),
                            "heap-" + mib + "-xmx" + heap + ".jar",
                            api))
                    .redirectErrorStream(true)
                    .start();
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write((emulator.token() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean exited = p.waitFor(5, TimeUnit.MINUTES);
            if (!exited) {
                p.destroyForcibly();
            }
            String last = output.lines().reduce((a, b) -> b).orElse("");
            String[] f = last.split(" ");
            boolean ok = exited && p.exitValue() == 0 && f.length == 5 && "OK".equals(f[0]);
            long received = ok ? receivedBytes(emulator, api, f[1]) : -1;
            if (ok && received != size) {
                ok = false;
                output = "the emulator received " + received + " bytes, not " + size;
            }
            if (!ok) {
                out.println("  child JVM output:\n" + output);
                table.row(
                        ResultTable.format("Upload %d MiB with -Xmx%s, %s", mib, heap, label(api)),
                        "**FAILED**: " + output.lines().findFirst().orElse("no output"),
                        goal);
                return;
            }
            long millis = Long.parseLong(f[2]);
            double sampled = Long.parseLong(f[3]) / MIB;
            double peaks = Long.parseLong(f[4]) / MIB;
            out.println(ResultTable.format(
                    "  %s, %d MiB with -Xmx%s: OK in %d ms, heap high-water %.1f MiB (sampled), %.1f MiB (sum of pool peaks)",
                    label(api), mib, heap, millis, sampled, peaks));
            table.row(
                    ResultTable.format("Upload %d MiB with -Xmx%s (child JVM), %s", mib, heap, label(api)),
                    ResultTable.format(
                            "succeeded in %.1f s (%.0f MiB/s); heap high-water %.1f MiB sampled every 5 ms,"
                                    + " %.1f MiB as the sum of the heap pools' peaks",
                            millis / 1000.0, size / MIB / (millis / 1000.0), sampled, peaks),
                    goal.equals("succeeds")
                            ? "succeeds: met; heap < 32 MiB: " + ResultTable.verdict(sampled < 32 && peaks < 32)
                            : goal);
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    private static String label(String api) {
        return api.equals("2.x") ? "REST 2.x Files API PUT" : "REST 1.2 libraries/upload";
    }

    private static long receivedBytes(DatabricksEmulator emulator, String api, String result) {
        if (api.equals("2.x")) {
            EmulatedFile file = emulator.file(result);
            return file == null ? -1 : file.sizeBytes();
        }
        return emulator.library(result).sizeBytes();
    }
}
