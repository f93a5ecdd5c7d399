package io.jenkins.plugins.databricks.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The counting sink for uploaded files: the bytes stream through a SHA-256 digest and a counter in a fixed 64 KiB
 * buffer and are then forgotten, so a multi-GiB upload needs no more memory than a small one.
 */
record UploadDigest(long sizeBytes, String sha256) {

    private static final int BUFFER = 64 * 1024;

    static UploadDigest consume(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            digest.update(buffer, 0, n);
            total += n;
        }
        return new UploadDigest(total, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
