package io.jenkins.plugins.databricks.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an upload in a child JVM limited to 64 MiB of heap and checks what both ends saw: the child prints
 * {@code sent <bytes> <sha256>}, {@code received <bytes> <sha256>}, optionally {@code metadata <bytes>} (the size the
 * server reports back) and, via {@link #printHeap}, its heap figures. If
 * either side buffered the file, the child would die of OutOfMemoryError long before the end.
 */
public final class LargeUploadRun {

    private LargeUploadRun() {}

    /** Runs {@code child}'s main with {@code size} and asserts that exactly {@code size} bytes arrived intact. */
    public static void assertStreams(Class<?> child, long size) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        child.getName(),
                        Long.toString(size))
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        boolean exited = process.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(exited).as("child finished").isTrue();
        assertThat(process.exitValue()).as(text).isZero();

        Map<String, String[]> lines = new HashMap<>();
        for (String line : text.split("\\R")) {
            String[] words = line.strip().split(" ");
            lines.put(words[0], words);
        }
        assertThat(lines).as(text).containsKeys("sent", "received", "maxHeap", "peakHeap", "millis");
        assertThat(Long.parseLong(lines.get("sent")[1])).isEqualTo(size);
        assertThat(Long.parseLong(lines.get("received")[1])).isEqualTo(size);
        assertThat(lines.get("received")[2]).isEqualTo(lines.get("sent")[2]).hasSize(64);
        if (lines.containsKey("metadata")) {
            // What the server reports for the stored file (HEAD), where the child asked it.
            assertThat(Long.parseLong(lines.get("metadata")[1])).isEqualTo(size);
        }
        long maxHeap = Long.parseLong(lines.get("maxHeap")[1]);
        assertThat(maxHeap).isLessThan(size / 4);
        System.out.printf(
                "%s: streamed %d MiB through a %d MiB heap (peak heap used %d MiB) in %s ms%n",
                child.getSimpleName(),
                size >> 20,
                maxHeap >> 20,
                Long.parseLong(lines.get("peakHeap")[1]) >> 20,
                lines.get("millis")[1]);
    }

    /** Prints the child's side of the figures {@link #assertStreams} checks. */
    public static void printHeap(long millis) {
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("maxHeap " + Runtime.getRuntime().maxMemory());
        System.out.println("peakHeap " + peakHeap);
        System.out.println("millis " + millis);
    }
}
