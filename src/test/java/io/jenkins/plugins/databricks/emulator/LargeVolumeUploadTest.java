package io.jenkins.plugins.databricks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Files API face never holds a file in memory, up nor down: a forked JVM with a 32 MiB heap PUTs a generated
 * 256 MiB file (set {@code -Demulator.largeUploadMiB=1024} for the 1 GiB run) and GETs it back, checking size and
 * SHA-256 both ways.
 */
class LargeVolumeUploadTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void aFileLargerThanTheHeapStreamsToDiskAndBack() throws Exception {
        long mib = Long.getLong("emulator.largeUploadMiB", 256);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-Xmx32m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapVolumeUpload.class.getName(),
                        Long.toString(mib)))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(
                        new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")))
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
}
