package io.jenkins.plugins.databricks.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a real jar of about the asked size: stored (uncompressed) entries of pseudo-random bytes, so neither side
 * of an upload can shrink it and the file starts with the zip signature the engine checks.
 */
final class GeneratedJar {

    private static final int ENTRY = 8 * 1024 * 1024;
    private static final int CHUNK = 1024 * 1024;

    private GeneratedJar() {}

    /** Writes {@code file} and returns its size in bytes (slightly more than {@code approxBytes}). */
    static long write(Path file, long approxBytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8; b++) {
                chunk[i + b] = (byte) (v >>> (8 * b));
            }
        }
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            long written = 0;
            int entry = 0;
            while (written < approxBytes) {
                zip.putNextEntry(new ZipEntry("data/part-" + entry++ + ".bin"));
                long inEntry = Math.min(ENTRY, approxBytes - written);
                for (long done = 0; done < inEntry; ) {
                    int n = (int) Math.min(CHUNK, inEntry - done);
                    // A different first word per chunk, so no two chunks are alike.
                    long mark = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[b] = (byte) (mark >>> (8 * b));
                    }
                    zip.write(chunk, 0, n);
                    done += n;
                }
                zip.closeEntry();
                written += inEntry;
            }
        }
        return Files.size(file);
    }
}
