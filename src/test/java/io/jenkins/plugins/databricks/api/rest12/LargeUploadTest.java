package io.jenkins.plugins.databricks.api.rest12;

import io.jenkins.plugins.databricks.api.LargeUploadRun;
import org.junit.jupiter.api.Test;

/**
 * Proves the 1.2 multipart upload streams: a generated file far larger than the heap goes through the client into
 * the emulator's counting sink in a child JVM limited to 64 MiB of heap, and both ends agree on the byte count and
 * SHA-256. Size: system property {@code largeUpload.bytes} (default 1 GiB).
 */
class LargeUploadTest {

    private static final long DEFAULT_BYTES = 1L << 30;

    @Test
    void aFileMuchLargerThanTheHeapStreamsThrough() throws Exception {
        LargeUploadRun.assertStreams(LargeUploadChild.class, Long.getLong("largeUpload.bytes", DEFAULT_BYTES));
    }
}
