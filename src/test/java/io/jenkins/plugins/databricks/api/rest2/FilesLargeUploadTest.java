package io.jenkins.plugins.databricks.api.rest2;

import io.jenkins.plugins.databricks.api.LargeUploadRun;
import org.junit.jupiter.api.Test;

/**
 * Proves the Files API upload streams: a generated file of 512 MiB (system property {@code filesUpload.bytes})
 * goes through {@link Rest2Client#uploadFile} into an emulated volume from a child JVM limited to 64 MiB of heap,
 * and both ends agree on the byte count and SHA-256.
 */
class FilesLargeUploadTest {

    private static final long DEFAULT_BYTES = 512L << 20;

    @Test
    void aFileMuchLargerThanTheHeapStreamsIntoAVolume() throws Exception {
        LargeUploadRun.assertStreams(FilesLargeUploadChild.class, Long.getLong("filesUpload.bytes", DEFAULT_BYTES));
    }
}
