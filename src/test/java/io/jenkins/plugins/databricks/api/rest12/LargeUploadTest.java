package io.jenkins.plugins.databricks.api.rest12;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves the upload streams: a generated file far larger than the heap goes through the client into the emulator's
 * counting sink in a child JVM limited to 64 MiB of heap, and both ends agree on the byte count and SHA-256. Size:
 * system property {@code largeUpload.bytes} (default 1 GiB).
 */
class LargeUploadTest {

    private static final long DEFAULT_BYTES = 1L << 30;

    @Test
    void aFileMuchLargerThanTheHeapStreamsThrough() throws Exception {
        long size = Long.getLong("largeUpload.bytes", DEFAULT_BYTES);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java,
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeUploadChild.class.getName(),
                        Long.toString(size))
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = child.getInputStream()) {
            in.transferTo(output);
        }
        boolean exited = child.waitFor(5, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly();
        }
        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(exited).as("child finished").isTrue();
        assertThat(child.exitValue()).as(text).isZero();

        Map<String, String[]> lines = new HashMap<>();
        for (String line : text.split("\\R")) {
            String[] words = line.strip().split(" ");
            lines.put(words[0], words);
        }
        assertThat(lines).as(text).containsKeys("sent", "received", "maxHeap", "peakHeap", "millis");
        assertThat(Long.parseLong(lines.get("sent")[1])).isEqualTo(size);
        assertThat(Long.parseLong(lines.get("received")[1])).isEqualTo(size);
        assertThat(lines.get("received")[2]).isEqualTo(lines.get("sent")[2]).hasSize(64);
        long maxHeap = Long.parseLong(lines.get("maxHeap")[1]);
        assertThat(maxHeap).isLessThan(size / 4);
        System.out.printf(
                "Streamed %d MiB through a %d MiB heap (peak heap used %d MiB) in %s ms%n",
                size >> 20, maxHeap >> 20, Long.parseLong(lines.get("peakHeap")[1]) >> 20, lines.get("millis")[1]);
    }
}
