package io.jenkins.plugins.databricks.benchmark;

import io.jenkins.plugins.databricks.api.Auth;
import io.jenkins.plugins.databricks.api.HttpTransport;
import io.jenkins.plugins.databricks.api.UploadSource;
import io.jenkins.plugins.databricks.api.WorkspaceUrl;
import io.jenkins.plugins.databricks.api.rest12.LibraryUpload;
import io.jenkins.plugins.databricks.api.rest12.Rest12Client;
import io.jenkins.plugins.databricks.api.rest2.Rest2Client;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of the memory measurement, started with a small heap: uploads one file with our client to the
 * emulator the parent runs, and prints {@code OK <library id or path> <millis> <sampled heap high-water> <sum of pool
 * peaks>}. Arguments: workspace URL, file, library name, API ({@code 1.2}: {@code libraries/upload} to {@code /bench};
 * {@code 2.x}: a Files API {@code PUT} to {@link Rest2Upload#FOLDER}); the token comes on standard input (never on a
 * command line).
 */
public final class SmallHeapClientUpload {

    private SmallHeapClientUpload() {}

    public static void main(String[] args) throws Exception {
        // A child JVM uploading to the parent's emulator, which speaks plain http on loopback.
        System.setProperty(WorkspaceUrl.ALLOW_PLAIN_HTTP_PROPERTY, "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong highWater = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used =
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                highWater.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        String id;
        UploadSource jar = UploadSource.of(Path.of(args[1]));
        if ("2.x".equals(args[3])) {
            id = Rest2Upload.FOLDER + "/" + args[2];
            try (Rest2Client client = new Rest2Client(
                    HttpTransport.builder(args[0]).auth(Auth.bearer(token)).build())) {
                client.uploadFile(id, jar);
            }
        } else {
            try (Rest12Client client =
                    HttpTransport.builder(args[0]).auth(Auth.bearer(token)).build(Rest12Client::new)) {
                id = client.uploadLibrary(LibraryUpload.jar("/bench", args[2], jar));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        sampler.join();
        long poolPeaks =
                heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        out.println("OK " + id + " " + millis + " " + highWater.get() + " " + poolPeaks);
    }
}
