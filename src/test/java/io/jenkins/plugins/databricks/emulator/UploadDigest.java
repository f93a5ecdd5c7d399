package io.jenkins.plugins.databricks.emulator;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The counting sink for uploaded files: the bytes stream through a SHA-256 digest and a counter in a fixed 64 KiB
 * buffer and are then forgotten, so a multi-GiB upload needs no more memory than a small one. On the way the names of
 * the classes in it are kept ({@link JarClasses}), so a run of a jar's main class can be judged.
 */
record UploadDigest(long sizeBytes, String sha256, JarClasses classes) {

    private static final int BUFFER = 64 * 1024;

    UploadDigest(long sizeBytes, String sha256) {
        this(sizeBytes, sha256, JarClasses.NONE);
    }

    static UploadDigest consume(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        Counting counted = new Counting(in, digest);
        JarClasses classes = JarClasses.read(counted);
        byte[] buffer = new byte[BUFFER];
        while (counted.read(buffer) != -1) {
            // the rest (a jar's central directory, or bytes that are not a jar) only counts and digests
        }
        return new UploadDigest(counted.total, HexFormat.of().formatHex(digest.digest()), classes);
    }

    /** Every byte read through it is digested and counted once, whoever reads it. */
    private static final class Counting extends FilterInputStream {
        private final MessageDigest digest;
        long total;

        Counting(InputStream in, MessageDigest digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                total++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                total += n;
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping must digest too: read instead.
            byte[] sink = new byte[(int) Math.min(BUFFER, Math.max(n, 0))];
            int read = read(sink, 0, sink.length);
            return Math.max(read, 0);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
