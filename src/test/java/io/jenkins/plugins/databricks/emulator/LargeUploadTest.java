package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The emulator never holds an upload in memory. Proof: a forked JVM whose heap (32 MiB) is far smaller than the
 * upload streams it through the emulator and checks size and SHA-256; buffering would kill it with
 * OutOfMemoryError. The normal suite sends 256 MiB (a few seconds); set {@code -Demulator.largeUploadMiB=2048} for
 * the multi-GiB run.
 */
class LargeUploadTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void uploadLargerThanTheHeapStreamsThroughTheCountingSink() throws Exception {
        long mib = Long.getLong("emulator.largeUploadMiB", 256);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xmx32m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapUpload.class.getName(),
                        Long.toString(mib)))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                .start();
        try {
            boolean exited = p.waitFor(5, TimeUnit.MINUTES);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(exited).as("forked upload finished").isTrue();
            assertThat(output).as(output).containsPattern("(?m)^OK " + mib * MIB + " [0-9a-f]{64} ");
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void inProcessChunkedUploadMatchesSizeAndHash() {
        try (DatabricksEmulator emulator = DatabricksEmulator.start();
                EmulatorHttp http = new EmulatorHttp(emulator)) {
            GeneratedBytes jar = new GeneratedBytes(8 * MIB + 13);
            EmulatorHttp.Response r = http.postMultipartStreamed(
                    "libraries/upload",
                    MultipartEntityBuilder.create()
                            .addTextBody("name", "mid.jar")
                            .addTextBody("libType", "java-jar")
                            .addTextBody("folder", "/")
                            .addBinaryBody("uri", jar, ContentType.APPLICATION_OCTET_STREAM, "mid.jar")
                            .build(),
                    false);

            assertThat(r.status()).as(r.body()).isEqualTo(200);
            EmulatedLibrary lib = emulator.library(r.json().get("id").asText());
            assertThat(lib.sizeBytes()).isEqualTo(8 * MIB + 13);
            assertThat(lib.sha256()).isEqualTo(jar.sha256());
            assertThat(emulator.journal().last().parts())
                    .contains(new JournalEntry.Part("uri", "mid.jar", 8 * MIB + 13));
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name").startsWith("Windows");
    }
}
